package dev.rayo.runtime.serialization;

import dev.rayo.api.exception.RayoSerializationException;

import java.io.File;
import java.io.Serializable;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides which classes Kryo may instantiate, so that a peer can't make this node build arbitrary
 * (gadget) classes. A class is readable when it is a JDK value or collection type, Rayo's own, in a
 * configured package, loaded from the user's code path (class folders on the classpath and configured
 * code-path jars), or trusted because this process itself sent an instance of it.
 */
public final class ClassAllowList {
    private static final Set<String> JDK_LANG_CLASSES = Set.of(
            "java.lang.Object", "java.lang.String", "java.lang.Boolean", "java.lang.Byte", "java.lang.Short",
            "java.lang.Character", "java.lang.Integer", "java.lang.Long", "java.lang.Float", "java.lang.Double",
            "java.lang.Void", "java.lang.Number", "java.lang.StackTraceElement", "java.lang.Class",
            "java.lang.invoke.SerializedLambda", "java.lang.Enum", "java.lang.StringBuilder", "java.lang.StringBuffer",
            "java.net.URI");
    private static final List<String> JDK_VALUE_PACKAGES = List.of(
            "java.util.", "java.time.", "java.math.");
    private static final Set<String> DENIED_PACKAGE_PREFIXES = Set.of(
            "java.util.logging.", "java.util.jar.", "java.util.zip.", "java.util.prefs.", "java.util.spi.",
            "java.util.ServiceLoader");

    private final List<String> allowedPackages;
    private final Set<String> allowedClasses;
    private final List<Path> codePath = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final boolean trustClassFolders;
    private final ConcurrentHashMap<Class<?>, Boolean> decisions = new ConcurrentHashMap<>();
    private final Set<String> trustedPackages = ConcurrentHashMap.newKeySet();

    /**
     * @param allowedPackages   package prefixes to accept ({@code com.example.} or {@code com.example})
     * @param allowedClasses    single class names to accept
     * @param codePath          jars and folders whose classes are accepted
     * @param trustClassFolders whether classes loaded from folders on the classpath (the user's compiled code) are accepted
     */
    public ClassAllowList(List<String> allowedPackages, Set<String> allowedClasses, List<Path> codePath,
                          boolean trustClassFolders) {
        this.allowedPackages = allowedPackages.stream().map(p -> p.endsWith(".") ? p : p + ".").toList();
        this.allowedClasses = Set.copyOf(allowedClasses);
        codePath.forEach(this::addCodePath);
        this.trustClassFolders = trustClassFolders;
    }

    /** Throws when {@code type} may not be instantiated from bytes that came from elsewhere. */
    public void checkReadable(Class<?> type) {
        if (!isReadable(type)) {
            throw new RayoSerializationException("class " + type.getName() + " is not allowed by Rayo's serialization "
                    + "allow-list; add its package to rayo.serialization.allowed-packages or its jar to rayo.code-path");
        }
    }

    /**
     * Throws when {@code type} can't be sent. A class this process sends is trusted for reading back here,
     * when it declares itself {@link Serializable}.
     */
    public void checkWritable(Class<?> type) {
        if (isReadable(type)) {
            return;
        }
        Class<?> element = elementType(type);
        if (Serializable.class.isAssignableFrom(element) && !isDeniedJdk(element.getName())) {
            trust(element);
            return;
        }
        throw new RayoSerializationException("class " + type.getName() + " can't be serialized: it is not Serializable "
                + "and not in rayo.serialization.allowed-packages (implement java.io.Serializable or allow its package)");
    }

    /** Trusts the classes of one more jar or class folder (code shipped to this node). */
    public void addCodePath(Path jarOrFolder) {
        codePath.add(jarOrFolder.toAbsolutePath().normalize());
        decisions.clear();
    }

    /** Accepts the package of {@code type} from now on: this process's own functions and values. */
    public void trust(Class<?> type) {
        Class<?> element = elementType(type);
        if (!element.isPrimitive() && !element.getName().startsWith("java.")) {
            trustedPackages.add(element.getPackageName() + ".");
            decisions.clear();
        }
    }

    /** True when {@code type} may be instantiated from foreign bytes. */
    public boolean isReadable(Class<?> type) {
        return decisions.computeIfAbsent(type, this::decide);
    }

    private boolean decide(Class<?> type) {
        Class<?> element = elementType(type);
        if (element.isPrimitive()) {
            return true;
        }
        String name = element.getName();
        if (JDK_LANG_CLASSES.contains(name) || allowedClasses.contains(name)) {
            return true;
        }
        if (name.startsWith("java.")) {
            if (Throwable.class.isAssignableFrom(element)) {
                return true;
            }
            if (isDeniedJdk(name)) {
                return false;
            }
            return JDK_VALUE_PACKAGES.stream().anyMatch(name::startsWith);
        }
        if (name.startsWith("dev.rayo.")) {
            return true;
        }
        String pkg = element.getPackageName() + ".";
        if (trustedPackages.contains(pkg) || allowedPackages.stream().anyMatch(pkg::startsWith)) {
            return true;
        }
        return isOnCodePath(element);
    }

    private static boolean isDeniedJdk(String name) {
        return name.startsWith("java.lang.") && !name.startsWith("java.lang.invoke.SerializedLambda")
                || DENIED_PACKAGE_PREFIXES.stream().anyMatch(name::startsWith)
                || name.startsWith("java.io.") || name.startsWith("java.net.") || name.startsWith("java.nio.channels.");
    }

    private boolean isOnCodePath(Class<?> type) {
        CodeSource source = type.getProtectionDomain() == null ? null : type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return false;
        }
        try {
            Path location = Path.of(source.getLocation().toURI()).toAbsolutePath().normalize();
            if (trustClassFolders && Files.isDirectory(location)) {
                return true;
            }
            return codePath.stream().anyMatch(location::startsWith);
        } catch (URISyntaxException | IllegalArgumentException e) {
            return false;
        }
    }

    private static Class<?> elementType(Class<?> type) {
        Class<?> t = type;
        while (t.isArray()) {
            t = t.getComponentType();
        }
        return t;
    }

    /** Splits a path list like the classpath. */
    public static List<Path> parsePathList(String paths) {
        if (paths == null || paths.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(paths.split(File.pathSeparator)).filter(s -> !s.isBlank()).map(Path::of).toList();
    }
}
