package dev.rayo.dashboard.http;

import akka.http.javadsl.model.HttpRequest;
import akka.http.javadsl.model.headers.Authorization;
import akka.http.javadsl.model.headers.Cookie;
import akka.http.javadsl.model.headers.HttpCookie;
import akka.http.javadsl.model.headers.HttpCookiePair;
import akka.http.javadsl.model.headers.SameSite;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Who may use the dashboard: with a token configured, a request must carry {@code Authorization: Bearer TOKEN},
 * or the cookie that {@code ?token=TOKEN} set once (a digest of the token, not the token) (so that a browser opened on a link with the token keeps
 * working without it in every URL). Without a token (allowed only on a loopback host) anyone who can reach the
 * port may. Tokens are compared in constant time.
 */
public final class TokenAuth {
    /** The cookie that carries the token after {@code ?token=}. */
    public static final String COOKIE = "rayo_dashboard_token";

    /** What a request may do. */
    public enum Decision {
        /** Serve it. */
        ALLOW,
        /** Serve it and set the cookie: it came with a right {@code ?token=}. */
        ALLOW_AND_SET_COOKIE,
        /** Refuse it with 401. */
        DENY
    }

    private final String token;
    /** The cookie's value: a digest of the token, which may hold characters no cookie can. */
    private final String cookieValue;

    /** Checks requests against {@code token}; empty for none. */
    public TokenAuth(String token) {
        this.token = token == null ? "" : token;
        this.cookieValue = digest(this.token);
    }

    /** Whether requests are checked at all. */
    public boolean enabled() {
        return !token.isEmpty();
    }

    /** What {@code request} may do. */
    public Decision check(HttpRequest request) {
        if (!enabled()) {
            return Decision.ALLOW;
        }
        Optional<Authorization> auth = request.getHeader(Authorization.class);
        if (auth.isPresent()) {
            String value = auth.get().value();
            return value.regionMatches(true, 0, "Bearer ", 0, 7) && matches(value.substring(7).trim())
                    ? Decision.ALLOW : Decision.DENY;
        }
        Optional<String> query = request.getUri().query().get("token");
        if (query.isPresent()) {
            return matches(query.get()) ? Decision.ALLOW_AND_SET_COOKIE : Decision.DENY;
        }
        for (HttpCookiePair pair : request.getHeader(Cookie.class).map(Cookie::getCookies).orElse(java.util.List.of())) {
            if (pair.name().equals(COOKIE) && MessageDigest.isEqual(pair.value().getBytes(StandardCharsets.UTF_8),
                    cookieValue.getBytes(StandardCharsets.UTF_8))) {
                return Decision.ALLOW;
            }
        }
        return Decision.DENY;
    }

    /** The cookie set after a right {@code ?token=}: not readable by scripts, never sent by other sites. */
    public HttpCookie cookie() {
        return HttpCookie.create(COOKIE, cookieValue).withPath("/").withHttpOnly(true).withSameSite(SameSite.Strict);
    }

    private static String digest(String token) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(("rayo-dashboard:" + token).getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private boolean matches(String candidate) {
        return MessageDigest.isEqual(candidate.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }
}
