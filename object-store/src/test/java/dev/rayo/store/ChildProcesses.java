package dev.rayo.store;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/** Starts {@link StoreChild} JVMs and reads their output. */
final class ChildProcesses {
    private ChildProcesses() {
    }

    static Process start(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx64m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(StoreChild.class.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** Reads the child's output until a line starting with {@code expected}; returns that line. */
    static String awaitLine(Process child, String expected) throws Exception {
        BufferedReader reader = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder all = new StringBuilder();
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.startsWith(expected)) {
                return line;
            }
            all.append(line).append('\n');
        }
        throw new AssertionError("child ended without " + expected + ":\n" + all);
    }
}
