package dev.rayo.dashboard.http;

import akka.http.javadsl.model.ContentType;
import akka.http.javadsl.model.ContentTypes;
import akka.http.javadsl.model.HttpEntities;
import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.model.MediaTypes;
import akka.http.javadsl.model.StatusCodes;
import akka.http.javadsl.model.headers.CacheControl;
import akka.http.javadsl.model.headers.CacheDirectives;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The pages, scripts and styles of the dashboard, served from one classpath folder of the jar (nothing from a
 * CDN: a page must work without internet). Only names of letters, digits, {@code . _ -} and {@code /} that
 * never climb up with {@code ..} are looked up, and only files of a known type are served, so nothing else on
 * the classpath can be read. A file is read once and then answered from memory: the folder never changes
 * while the jar is loaded, and no request thread waits on the jar twice.
 */
public final class StaticFiles {
    /** The folder the dashboard's own pages live in. */
    public static final String DEFAULT_FOLDER = "dev/rayo/dashboard/web/";

    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9._\\-/]+");
    private static final Map<String, ContentType> TYPES = Map.of(
            "html", ContentTypes.TEXT_HTML_UTF8,
            "js", MediaTypes.APPLICATION_JAVASCRIPT.toContentType(akka.http.javadsl.model.HttpCharsets.UTF_8),
            "css", MediaTypes.TEXT_CSS.toContentType(akka.http.javadsl.model.HttpCharsets.UTF_8),
            "svg", MediaTypes.IMAGE_SVG_XML.toContentType(),
            "png", MediaTypes.IMAGE_PNG.toContentType(),
            "json", ContentTypes.APPLICATION_JSON,
            "ico", MediaTypes.IMAGE_X_ICON.toContentType());

    private final String folder;
    private final ClassLoader loader;
    /** Files found so far (misses are not kept: any name may be asked for). */
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    /** Files of classpath folder {@code folder} (ending in {@code /}), read through {@code loader}. */
    public StaticFiles(String folder, ClassLoader loader) {
        this.folder = folder.endsWith("/") ? folder : folder + "/";
        this.loader = loader;
    }

    /** The content type served for {@code name}, by its extension; empty for a type not served. */
    public static Optional<ContentType> contentType(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? Optional.empty() : Optional.ofNullable(TYPES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT)));
    }

    /**
     * The answer for path {@code path} (as requested, with or without its leading {@code /}): {@code index.html}
     * for the root, else the file of that name, or 404 JSON.
     */
    public HttpResponse serve(String path) {
        String name = path.startsWith("/") ? path.substring(1) : path;
        if (name.isEmpty()) {
            name = "index.html";
        }
        Optional<ContentType> type = contentType(name);
        Optional<byte[]> bytes = type.isPresent() && safe(name) ? find(name) : Optional.empty();
        if (bytes.isEmpty()) {
            return JsonResponses.error(StatusCodes.NOT_FOUND, "no such page or file: /" + name);
        }
        return HttpResponse.create()
                .withEntity(HttpEntities.create(type.get(), bytes.get()))
                .addHeader(CacheControl.create(CacheDirectives.NO_CACHE));
    }

    private static boolean safe(String name) {
        return SAFE_NAME.matcher(name).matches() && !name.contains("..") && !name.startsWith("/") && !name.contains("//");
    }

    private Optional<byte[]> find(String name) {
        byte[] known = cache.get(name);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<byte[]> read = read(name);
        read.ifPresent(b -> cache.put(name, b));
        return read;
    }

    private Optional<byte[]> read(String name) {
        try (InputStream in = loader.getResourceAsStream(folder + name)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("can't read dashboard file " + name, e);
        }
    }
}
