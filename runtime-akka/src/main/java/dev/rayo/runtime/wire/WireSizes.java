package dev.rayo.runtime.wire;

/**
 * Rough upper bounds of what records weigh once serialized, so that batches of them stay well inside one
 * Akka Artery frame ({@code akka.remote.artery.advanced.maximum-frame-size}, 256 KiB by default): a message
 * over the frame size is dropped by Artery, so batching must never build one.
 */
public final class WireSizes {
    /** What a batch message may weigh at most: a quarter of Artery's default frame, leaving room for headers. */
    public static final int BATCH_BUDGET_BYTES = 64 * 1024;
    /** Ids, names, addresses and framing of one record, besides its byte arrays. */
    private static final int RECORD_OVERHEAD = 256;

    private WireSizes() {
    }

    /** An upper bound of the serialized size of {@code value}. */
    public static int of(StoredValue value) {
        if (value instanceof StoredValue.Inline inline) {
            return RECORD_OVERHEAD + inline.bytes().length;
        }
        if (value instanceof StoredValue.Failed failed) {
            ErrorPayload e = failed.error();
            return RECORD_OVERHEAD + length(e.message()) + length(e.stackTrace())
                    + (e.causeBytes() == null ? 0 : e.causeBytes().length);
        }
        return RECORD_OVERHEAD;
    }

    /** An upper bound of the serialized size of {@code spec}. */
    public static int of(TaskSpec spec) {
        int size = RECORD_OVERHEAD + spec.function().length + 64 * spec.returnIds().size();
        for (TaskArg arg : spec.args()) {
            size += arg instanceof TaskArg.Value v ? of(v.value()) : RECORD_OVERHEAD;
        }
        return size;
    }

    private static int length(String s) {
        // A char takes up to 3 bytes in Kryo's UTF-8.
        return s == null ? 0 : 3 * s.length();
    }
}
