package dev.rayo.store;

import static dev.rayo.store.ControlFile.FLAG_SPILL_COPY;
import static dev.rayo.store.ControlFile.FREE;
import static dev.rayo.store.ControlFile.SPILLED;
import static dev.rayo.store.ControlFile.TOMBSTONE;

/**
 * The open addressing of the object table in the {@link ControlFile}: where an id is found, where a new one
 * goes, and how a slot is given back.
 *
 * <p><b>Why.</b> Lookups, creates, deletes, the eviction policy and the crash sweep all walk or free slots; one
 * class keeps linear probing and its tombstones consistent for all of them.
 *
 * <p><b>State owned.</b> The {@code FREE} / {@code TOMBSTONE} states of the slots: only {@link #reclaimLocked}
 * frees a slot, and with it the object's memory file (through the {@link FilePool}), its spill copy and its
 * share of the byte counters. Lookups are lock-free (callers re-validate what they find, see
 * {@link ControlFile}); the {@code ...Locked} methods run under the host lock.
 */
final class ObjectTable {
    private final ControlFile control;
    private final FilePool pool;
    private final SpillDirectory spill;

    ObjectTable(ControlFile control, FilePool pool, SpillDirectory spill) {
        this.control = control;
        this.pool = pool;
        this.spill = spill;
    }

    /** Lock-free probe: the slot holding the id, or -1; the caller re-validates what it finds. */
    int find(long high, long low) {
        int mask = control.slotMask();
        int index = ObjectId.hash(high, low) & mask;
        for (int i = 0; i <= mask; i++) {
            int state = control.state(index);
            if (state == FREE) {
                return -1;
            }
            if (state != TOMBSTONE && control.idEquals(index, high, low)) {
                return index;
            }
            index = (index + 1) & mask;
        }
        return -1;
    }

    /** Under the host lock: the slot a new id goes to (the first tombstone of its probe run, else the free slot), or -1. */
    int insertionSlotLocked(long high, long low) {
        int mask = control.slotMask();
        int index = ObjectId.hash(high, low) & mask;
        int tombstone = -1;
        for (int i = 0; i <= mask; i++) {
            int state = control.state(index);
            if (state == FREE) {
                return tombstone >= 0 ? tombstone : index;
            }
            if (state == TOMBSTONE && tombstone < 0) {
                tombstone = index;
            }
            index = (index + 1) & mask;
        }
        return tombstone;
    }

    /**
     * Under the host lock: removes an object's files and accounting and frees its slot; the caller has checked it
     * is unpinned.
     */
    void reclaimLocked(int slot) {
        int state = control.state(slot);
        long high = control.idHigh(slot);
        long low = control.idLow(slot);
        long size = control.size(slot);
        if (state != SPILLED) {
            pool.releaseFileLocked(slot);
            control.addUsedBytes(-size);
        }
        if ((control.flags(slot) & FLAG_SPILL_COPY) != 0) {
            SpillDirectory.delete(spill.path(high, low));
            control.addSpillUsedBytes(-size);
        }
        control.owner(slot, -1);
        control.flags(slot, 0);
        control.state(slot, TOMBSTONE);
        int mask = control.slotMask();
        if (control.state((slot + 1) & mask) == FREE) {
            // No probe sequence runs through a tombstone followed by a free slot: turn the run back to free.
            for (int i = slot; control.state(i) == TOMBSTONE; i = (i - 1) & mask) {
                control.state(i, FREE);
            }
        }
    }
}
