package io.github.cdcverify.time;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoundedWaitTest {

    @Test
    void holdsOnceTheConditionDoes() {
        AtomicInteger asked = new AtomicInteger();

        boolean held = BoundedWait.upTo(Duration.ofSeconds(5)).every(Duration.ofMillis(1))
                .until(() -> asked.incrementAndGet() == 3);

        assertThat(held).isTrue();
        assertThat(asked).hasValue(3);
    }

    @Test
    void aZeroBoundAsksOnce() {
        AtomicInteger asked = new AtomicInteger();

        assertThat(BoundedWait.upTo(Duration.ZERO).until(() -> asked.incrementAndGet() > 5)).isFalse();
        assertThat(asked).hasValue(1);
    }

    @Test
    void givesUpAfterTheBoundHavingAskedAtTheEnd() {
        AtomicInteger asked = new AtomicInteger();

        boolean held = BoundedWait.upTo(Duration.ofMillis(30)).every(Duration.ofMillis(10))
                .until(() -> asked.incrementAndGet() < 0);

        assertThat(held).isFalse();
        assertThat(asked.get()).as("asked at the start and at the bound").isGreaterThanOrEqualTo(2);
    }

    @Test
    void anInterruptEndsTheWaitAndKeepsTheFlag() {
        Thread.currentThread().interrupt();
        try {
            assertThat(BoundedWait.upTo(Duration.ofMinutes(1)).until(() -> false)).isFalse();
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void theConditionsOwnFailurePassesThrough() {
        assertThatThrownBy(() -> BoundedWait.upTo(Duration.ofSeconds(1)).until(() -> {
            throw new IOException("refused");
        })).isInstanceOf(IOException.class).hasMessage("refused");
    }

    @Test
    void refusesANonPositiveInterval() {
        assertThatThrownBy(() -> BoundedWait.upTo(Duration.ofSeconds(1)).every(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
