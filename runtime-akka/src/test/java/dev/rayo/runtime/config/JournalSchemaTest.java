package dev.rayo.runtime.config;

import akka.Done;
import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.persistence.typed.PersistenceId;
import akka.persistence.typed.javadsl.CommandHandler;
import akka.persistence.typed.javadsl.EventHandler;
import akka.persistence.typed.javadsl.EventSourcedBehavior;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.rayo.api.exception.RayoException;
import dev.rayo.runtime.actor.JournalSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The journal's tables, created over plain JDBC from akka-persistence-jdbc's shipped DDL. */
class JournalSchemaTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    /** The H2 URL the runtime builds from rayo.persistence.h2-file. */
    private String h2Url() {
        return "jdbc:h2:file:" + dir.resolve("journal").toAbsolutePath() + ";DATABASE_TO_UPPER=false;AUTO_SERVER=TRUE";
    }

    /** A local actor system journaling in the H2 file, configured as rayo-node.conf does. */
    private Config journalConfig() {
        return ConfigFactory.parseString("akka.actor.provider = local\n"
                        + "akka-persistence-jdbc.shared-databases.slick.db.url = \"" + h2Url() + "\"\n")
                .withFallback(ConfigFactory.parseResources(JournalSchemaTest.class.getClassLoader(), "rayo-node.conf"))
                .withFallback(ConfigFactory.load())
                .resolve();
    }

    @Test
    void everyStatementIsIdempotent() {
        Pattern idempotent = Pattern.compile("(?is)^CREATE\\s+(TABLE|(UNIQUE\\s+)?INDEX|SEQUENCE)\\s+IF\\s+NOT\\s+EXISTS\\s.*");
        for (JournalSchema.Database db : JournalSchema.Database.values()) {
            List<String> ddl = JournalSchema.statements(db);
            assertTrue(ddl.stream().anyMatch(s -> s.contains("event_journal")), db + ": " + ddl);
            assertTrue(ddl.stream().anyMatch(s -> s.contains("snapshot")), db + ": " + ddl);
            for (String statement : ddl) {
                assertTrue(idempotent.matcher(statement).matches(), db + ": " + statement);
                assertTrue(!statement.toUpperCase().contains("CONCURRENTLY"), db + ": " + statement);
            }
        }
        assertEquals(JournalSchema.Database.H2, JournalSchema.Database.of("jdbc:h2:file:/tmp/x;DATABASE_TO_UPPER=false"));
        assertEquals(JournalSchema.Database.POSTGRES, JournalSchema.Database.of("jdbc:postgresql://127.0.0.1/rayo"));
        RayoException e = assertThrows(RayoException.class,
                () -> JournalSchema.Database.of("jdbc:mysql://db/rayo?password=secret"));
        assertTrue(e.getMessage().contains("rayo.persistence.create-schema"), e.getMessage());
        assertTrue(!e.getMessage().contains("secret"), e.getMessage());
    }

    @Test
    void createsTheTablesInH2OnceAndTheJournalRowsFit() throws Exception {
        Config config = journalConfig();
        JournalSchema.createIfMissing(config, TIMEOUT);
        JournalSchema.createIfMissing(config, TIMEOUT); // idempotent
        try (Connection c = DriverManager.getConnection(h2Url(), "sa", "")) {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO \"event_journal\" (\"persistence_id\","
                    + " \"sequence_number\", \"writer\", \"write_timestamp\", \"adapter_manifest\", \"event_payload\","
                    + " \"event_ser_id\", \"event_ser_manifest\") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, "actor-1");
                insert.setLong(2, 1);
                insert.setString(3, "writer");
                insert.setLong(4, 42);
                insert.setString(5, "");
                insert.setBytes(6, new byte[] {1, 2, 3});
                insert.setInt(7, 20);
                insert.setString(8, "");
                assertEquals(1, insert.executeUpdate());
            }
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT \"ordering\", \"deleted\", \"event_payload\" FROM \"event_journal\""
                         + " WHERE \"persistence_id\" = 'actor-1' AND \"sequence_number\" = 1")) {
                assertTrue(rs.next());
                assertTrue(rs.getLong(1) > 0, "ordering is generated");
                assertEquals(false, rs.getBoolean(2));
                assertArrayEquals(new byte[] {1, 2, 3}, rs.getBytes(3));
            }
        }
        JournalSchema.createIfMissing(config, TIMEOUT); // tables with rows are left alone
        try (Connection c = DriverManager.getConnection(h2Url(), "sa", "");
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM \"event_journal\"")) {
            assertTrue(rs.next());
            assertEquals(1, rs.getInt(1));
        }
    }

    @Test
    void akkaPersistenceJdbcJournalsAndRecoversOnTheTables() throws Exception {
        ActorTestKit kit = ActorTestKit.create("journal-schema", journalConfig());
        try {
            JournalSchema.createIfMissing(kit.system(), TIMEOUT);
            TestProbe<Done> done = kit.createTestProbe();
            ActorRef<Command> log = kit.spawn(new Log(PersistenceId.ofUniqueId("log-1")));
            for (String text : List.of("a", "b", "c")) {
                log.tell(new Append(text, done.getRef()));
                done.expectMessage(Duration.ofSeconds(20), Done.getInstance());
            }
            kit.stop(log);
            ActorRef<Command> again = kit.spawn(new Log(PersistenceId.ofUniqueId("log-1")));
            TestProbe<String> state = kit.createTestProbe();
            again.tell(new Read(state.getRef()));
            assertEquals("a,b,c", state.receiveMessage(Duration.ofSeconds(20)), "recovered");
        } finally {
            kit.shutdownTestKit();
        }
        try (Connection c = DriverManager.getConnection(h2Url(), "sa", "");
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM \"event_journal\" WHERE \"persistence_id\" = 'log-1'")) {
                assertTrue(rs.next());
                assertEquals(3, rs.getInt(1));
            }
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM \"snapshot\" WHERE \"persistence_id\" = 'log-1'")) {
                assertTrue(rs.next());
                assertTrue(rs.getInt(1) >= 1, "a snapshot was saved");
            }
        }
    }

    @Test
    void aDatabaseThatCantBeReachedFailsWithTheUrl() {
        Config config = ConfigFactory.parseString(
                        "akka-persistence-jdbc.shared-databases.slick.db.url = \"jdbc:postgresql://127.0.0.1:1/rayo?password=secret\"\n"
                                + "akka-persistence-jdbc.shared-databases.slick.db.driver = \"org.postgresql.Driver\"\n")
                .withFallback(journalConfig());
        RayoException e = assertThrows(RayoException.class, () -> JournalSchema.createIfMissing(config, Duration.ofSeconds(5)));
        assertTrue(e.getMessage().contains("jdbc:postgresql://127.0.0.1:1/rayo"), e.getMessage());
        assertTrue(!e.getMessage().contains("secret"), e.getMessage());
    }

    interface Command {
    }

    record Append(String text, ActorRef<Done> replyTo) implements Command {
    }

    record Read(ActorRef<String> replyTo) implements Command {
    }

    /**
     * Appends texts to a comma-separated state (a String: Akka serializes it without Java serialization);
     * snapshots every second event, so recovery reads the snapshot table too.
     */
    static final class Log extends EventSourcedBehavior<Command, String, String> {
        Log(PersistenceId id) {
            super(id);
        }

        @Override
        public String emptyState() {
            return "";
        }

        @Override
        public CommandHandler<Command, String, String> commandHandler() {
            return newCommandHandlerBuilder().forAnyState()
                    .onCommand(Append.class, (state, c) -> Effect().persist(c.text()).thenReply(c.replyTo(), s -> Done.getInstance()))
                    .onCommand(Read.class, (state, c) -> Effect().reply(c.replyTo(), state))
                    .build();
        }

        @Override
        public EventHandler<String, String> eventHandler() {
            return newEventHandlerBuilder().forAnyState()
                    .onAnyEvent((state, event) -> state.isEmpty() ? event : state + "," + event);
        }

        @Override
        public boolean shouldSnapshot(String state, String event, long sequenceNr) {
            return sequenceNr % 2 == 0;
        }
    }
}
