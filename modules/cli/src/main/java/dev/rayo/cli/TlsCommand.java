package dev.rayo.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code rayo tls}: the certificates of a TLS cluster (see {@link TlsInitCommand}). */
@Command(name = "tls", mixinStandardHelpOptions = true,
        description = "Certificates for TLS between nodes.",
        subcommands = {TlsInitCommand.class})
final class TlsCommand implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
