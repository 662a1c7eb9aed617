package dev.rayo.runtime.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.joran.util.ConfigurationWatchListUtil;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Iterator;

/**
 * Rayo's logging default for a program that configured none: INFO and above on the console (WARN and above
 * for Akka's internals, as {@code rayo start} logs). Without it, logback's own fallback (its
 * {@code BasicConfigurator}) logs everything at DEBUG, and Akka, remoting and the journal's libraries flood
 * the program's output.
 *
 * <p>It never overrides a host application's configuration: it acts only when logback is the SLF4J binding,
 * was configured from no file ({@code logback-test.xml}, {@code logback.xml}, {@code -Dlogback.configurationFile}
 * or a file the program fed to Joran itself) and still has exactly the fallback's shape (one console
 * appender named {@code console} on a root logger at DEBUG); loggers the program gave a level of their own
 * keep it. None of Rayo's jars ships a {@code logback.xml}, which would take the host's place.
 *
 * <p>Why not logback's {@code Configurator} service (META-INF/services): its method changed its return type
 * in logback 1.3, so one compiled against the 1.2 line Rayo uses would break the logging of a program on a
 * newer logback (an {@code AbstractMethodError} while logback starts). The check here uses only APIs that
 * every logback line has, and runs when a node starts, before Akka logs anything.
 */
public final class LoggingDefaults {
    private static final String LOGBACK_CONTEXT = "ch.qos.logback.classic.LoggerContext";
    /** The name logback's fallback configuration gives its console appender. */
    private static final String FALLBACK_APPENDER = "console";

    private LoggingDefaults() {
    }

    /**
     * Sets the root logger to INFO (Akka's to WARN) when the program configured no logging; does nothing
     * otherwise (another SLF4J binding, a configuration file, a configuration made in code).
     *
     * @return whether it changed the level
     */
    public static boolean apply() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!LOGBACK_CONTEXT.equals(factory.getClass().getName())) {
            return false;
        }
        try {
            // Logback's classes are touched only here, so a program that excluded logback never loads them.
            return Logback.defaultToInfo(factory);
        } catch (LinkageError | RuntimeException e) {
            // A logback line whose API differs: leave its configuration as it is.
            return false;
        }
    }

    /** The part that needs logback's classes. */
    private static final class Logback {
        private Logback() {
        }

        static boolean defaultToInfo(ILoggerFactory factory) {
            LoggerContext context = (LoggerContext) factory;
            if (ConfigurationWatchListUtil.getMainWatchURL(context) != null) {
                return false;
            }
            ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
            if (root.getLevel() != Level.DEBUG || !onlyFallbackAppender(root)) {
                return false;
            }
            root.setLevel(Level.INFO);
            // Akka's INFO lines (remoting, cluster membership, sharding, singletons: some forty per start and
            // stop) are the runtime's internals; WARN and above of them, as `rayo start` logs.
            ch.qos.logback.classic.Logger akka = context.getLogger("akka");
            if (akka.getLevel() == null) {
                akka.setLevel(Level.WARN);
            }
            return true;
        }

        private static boolean onlyFallbackAppender(ch.qos.logback.classic.Logger root) {
            Iterator<Appender<ch.qos.logback.classic.spi.ILoggingEvent>> appenders = root.iteratorForAppenders();
            if (!appenders.hasNext()) {
                return false;
            }
            Appender<?> only = appenders.next();
            return !appenders.hasNext() && only instanceof ConsoleAppender && FALLBACK_APPENDER.equals(only.getName());
        }
    }
}
