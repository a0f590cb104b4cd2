package org.openpbr.costing.period.rule;

/**
 * The 64-bit hashes of the keys a file has shown so far, to tell cheaply that no key repeats within
 * it. Distinct hashes mean distinct keys; a repeated hash means only that the keys may repeat, and
 * the caller then checks exactly. Open addressing over a {@code long[]}: 8 bytes a slot, at most
 * half full, up to {@code limit} keys; beyond that it stops and says it is {@link #full()}.
 */
public final class KeyHashes {

    private static final long EMPTY = 0;
    private long[] slots = new long[1 << 16];
    private int size;
    private final int limit;
    private boolean full;
    private boolean repeated;

    /** @param limit the most keys to remember (memory is about 16 bytes a key) */
    public KeyHashes(int limit) {
        this.limit = limit;
    }

    /** Remembers the key; false when its hash was seen before (or the set is full): the keys may repeat. */
    public boolean add(String key) {
        if (full) {
            return false;
        }
        if (size >= limit) {
            full = true;
            return false;
        }
        boolean added = put(key);
        repeated |= !added;
        return added;
    }

    /** Whether any key added so far may repeat an earlier one (two equal hashes, or too many keys to hold). */
    public boolean mayRepeat() {
        return repeated || full;
    }

    private boolean put(String key) {
        long hash = hash(key);
        if (hash == EMPTY) {
            hash = 1; // zero marks an empty slot
        }
        if ((size + 1) * 2 > slots.length) {
            grow();
        }
        int mask = slots.length - 1;
        for (int i = (int) (hash ^ (hash >>> 32)) & mask;; i = (i + 1) & mask) {
            if (slots[i] == EMPTY) {
                slots[i] = hash;
                size++;
                return true;
            }
            if (slots[i] == hash) {
                return false;
            }
        }
    }

    /** More keys arrived than the limit: the file's keys were not all compared. */
    public boolean full() {
        return full;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        int mask = slots.length - 1;
        for (long hash : old) {
            if (hash != EMPTY) {
                int i = (int) (hash ^ (hash >>> 32)) & mask;
                while (slots[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                slots[i] = hash;
            }
        }
    }

    /** FNV-1a over the characters, then a 64-bit finaliser (MurmurHash3's) to spread the bits. */
    static long hash(String key) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < key.length(); i++) {
            h ^= key.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb93fe1a85ec3L;
        h ^= h >>> 33;
        return h;
    }
}
