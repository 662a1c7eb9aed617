package dev.rayo.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * The transfer baseline: {@code size} bytes sent over a loopback TCP connection within this JVM, from a
 * direct buffer to a touched direct buffer, one request byte per transfer. This is the cost of moving the
 * bytes through the kernel's TCP stack with nothing else: no chunking protocol, no actors, no store.
 */
final class LoopbackCopy implements Workload {
    private final int size;
    private final ServerSocketChannel server;
    private final SocketChannel client;
    private final SocketChannel served;
    private final Thread sender;
    private final ByteBuffer sink;
    private final ByteBuffer request = ByteBuffer.allocateDirect(1);

    LoopbackCopy(int size) throws IOException {
        this.size = size;
        server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        client = SocketChannel.open(server.getLocalAddress());
        served = server.accept();
        sink = BenchFns.makeBuffer(size);
        ByteBuffer source = BenchFns.makeBuffer(size);
        sender = new Thread(() -> serve(source), "bench-loopback-sender");
        sender.setDaemon(true);
        sender.start();
    }

    /** Sends the whole buffer each time a request byte arrives, until the connection closes. */
    private void serve(ByteBuffer source) {
        ByteBuffer req = ByteBuffer.allocateDirect(1);
        try {
            while (true) {
                req.clear();
                if (served.read(req) < 0) {
                    return;
                }
                ByteBuffer out = source.duplicate();
                while (out.hasRemaining()) {
                    served.write(out);
                }
            }
        } catch (IOException e) {
            // Closed by close().
        } finally {
            Buffers.free(source);
        }
    }

    @Override
    public long run() throws IOException {
        request.clear();
        client.write(request);
        sink.clear();
        while (sink.hasRemaining()) {
            if (client.read(sink) < 0) {
                throw new IOException("the sender closed the connection");
            }
        }
        return size;
    }

    @Override
    public void close() throws Exception {
        client.close();
        served.close();
        server.close();
        sender.join(5_000);
        Buffers.free(sink);
    }
}
