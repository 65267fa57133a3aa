package dev.herald.scanning;

import java.util.List;
import java.util.Map;

/**
 * {@link RuntimeLabels} while Herald keeps no runtime inventory: no image is known to run anywhere.
 * Unscanned-image events carry their own label set, so runtime alerts still fire on those; on the
 * other event types they fire once an inventory-backed implementation takes this one's place.
 */
public final class NoRuntimeInventory implements RuntimeLabels {

    @Override
    public List<Map<String, String>> whereRunning(String account, ImageRef image) {
        return List.of();
    }
}
