package dev.herald.delivery.dispatch;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether an operator has paused dispatch in this process. While paused, dispatch claims nothing:
 * deliveries already being sent finish and are recorded, the others stay pending (the relay goes
 * on creating them) and are sent once dispatch is resumed.
 */
public final class DispatchPause {

    private final AtomicBoolean paused = new AtomicBoolean();

    public void pause() {
        paused.set(true);
    }

    public void resume() {
        paused.set(false);
    }

    public boolean isPaused() {
        return paused.get();
    }
}
