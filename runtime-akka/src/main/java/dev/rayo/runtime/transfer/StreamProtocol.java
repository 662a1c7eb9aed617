package dev.rayo.runtime.transfer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The bytes of a stream transfer, one object per connection. The puller sends {@code MAGIC}, the id's length
 * (a short) and the id (ASCII). The server answers {@code OK}, the object's size (a long) and type tag (an int)
 * followed by exactly that many bytes, or {@code ERROR}, the message's length (a long), 0 (an int) and the
 * message (UTF-8); then it closes the connection, so that the TIME_WAIT stays on the server and pullers never
 * run out of ports.
 */
final class StreamProtocol {
    /** "RYS1": a Rayo stream request, version 1. */
    static final int MAGIC = 0x52595331;
    static final byte OK = 0;
    static final byte ERROR = 1;
    /** The longest object id accepted (the store's are 32 hex digits). */
    static final int MAX_ID_LENGTH = 64;
    static final int REQUEST_HEAD = Integer.BYTES + Short.BYTES;
    static final int RESPONSE_HEAD = 1 + Long.BYTES + Integer.BYTES;
    private static final int MAX_MESSAGE_BYTES = 4096;

    private StreamProtocol() {
    }

    static ByteBuffer request(String objectId) {
        byte[] id = objectId.getBytes(StandardCharsets.US_ASCII);
        if (id.length == 0 || id.length > MAX_ID_LENGTH) {
            throw new IllegalArgumentException("not an object id: " + objectId);
        }
        return ByteBuffer.allocate(REQUEST_HEAD + id.length).putInt(MAGIC).putShort((short) id.length).put(id).flip();
    }

    /** Reads a request's object id. */
    static String readRequest(StreamChannel channel) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(REQUEST_HEAD);
        channel.readFully(head);
        head.flip();
        if (head.getInt() != MAGIC) {
            throw new IOException("not a Rayo stream request");
        }
        int length = head.getShort();
        if (length <= 0 || length > MAX_ID_LENGTH) {
            throw new IOException("bad object id length " + length);
        }
        ByteBuffer id = ByteBuffer.allocate(length);
        channel.readFully(id);
        for (byte b : id.array()) {
            if (b < 0x21 || b > 0x7e) {
                throw new IOException("an object id is printable ASCII");
            }
        }
        return new String(id.array(), StandardCharsets.US_ASCII);
    }

    static ByteBuffer ok(long size, int typeTag) {
        return ByteBuffer.allocate(RESPONSE_HEAD).put(OK).putLong(size).putInt(typeTag).flip();
    }

    /** An error answer: the head with {@code ERROR} and the message's length in place of the size, then the message. */
    static ByteBuffer error(String message) {
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        int length = Math.min(text.length, MAX_MESSAGE_BYTES);
        return ByteBuffer.allocate(RESPONSE_HEAD + length).put(ERROR).putLong(length).putInt(0).put(text, 0, length)
                .flip();
    }

    /** Reads an error answer's message, whose length the head gave. */
    static String readMessage(StreamChannel channel, long length) throws IOException {
        if (length < 0 || length > MAX_MESSAGE_BYTES) {
            throw new IOException("bad error message length " + length);
        }
        ByteBuffer text = ByteBuffer.allocate((int) length);
        channel.readFully(text);
        return new String(text.array(), StandardCharsets.UTF_8);
    }
}
