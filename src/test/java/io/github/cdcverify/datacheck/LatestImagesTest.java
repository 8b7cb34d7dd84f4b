package io.github.cdcverify.datacheck;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class LatestImagesTest {

    private final LatestImages images = new LatestImages();

    @Test
    void integerAndOtherKeysAreKeptApartAndFoundByTheirText() {
        FoldedTopic.Image one = image();
        FoldedTopic.Image text = image();
        FoldedTopic.Image pair = image();
        FoldedTopic.Image negative = image();
        images.put("{id=1}", one);
        images.put("{id=abc}", text);
        images.put("{a=1, b=2}", pair);
        images.put("{id=-7}", negative);

        assertThat(images.get("{id=1}")).isSameAs(one);
        assertThat(images.get("{id=abc}")).isSameAs(text);
        assertThat(images.get("{a=1, b=2}")).isSameAs(pair);
        assertThat(images.get("{id=-7}")).isSameAs(negative);
        assertThat(images.get("{id=7}")).isNull();
        assertThat(images.size()).isEqualTo(4);
        assertThat(texts()).containsExactlyInAnyOrder("{id=1}", "{id=abc}", "{a=1, b=2}", "{id=-7}");
    }

    @Test
    void textsThatAreNoCanonicalIntegerNeverMeetTheIntegerOfTheSameValue() {
        FoldedTopic.Image canonical = image();
        images.put("{id=7}", canonical);
        for (String other : List.of("{id=07}", "{id=-0}", "{id=7.0}", "{other=7}", "{id=1234567890123456789}")) {
            FoldedTopic.Image image = image();
            images.put(other, image);
            assertThat(images.get(other)).as(other).isSameAs(image);
        }
        images.put("{id=0}", image());
        assertThat(images.get("{id=7}")).isSameAs(canonical);
        assertThat(images.size()).isEqualTo(7);
    }

    @Test
    void keepsTheLatestImageThroughGrowthAndRemovalsAsAMapWould() {
        Map<String, FoldedTopic.Image> expected = new HashMap<>();
        Random random = new Random(42);
        for (int i = 0; i < 200_000; i++) {
            String key = "{id=" + (random.nextInt(20_000) - 5_000) + "}";
            if (random.nextInt(4) == 0) {
                images.remove(key);
                expected.remove(key);
            } else {
                FoldedTopic.Image image = image();
                images.put(key, image);
                expected.put(key, image);
            }
        }
        assertThat(images.size()).isEqualTo(expected.size());
        assertThat(images.keptBytes()).as("an empty image and an integer key each").isEqualTo(expected.size() * 56L);
        expected.forEach((key, image) -> assertThat(images.get(key)).as(key).isSameAs(image));
        assertThat(texts()).containsExactlyInAnyOrderElementsOf(expected.keySet());

        images.clear();
        assertThat(images.size()).isZero();
        assertThat(images.keptBytes()).isZero();
        assertThat(images.get("{id=1}")).isNull();
    }

    private List<String> texts() {
        List<String> texts = new ArrayList<>();
        images.forEach((key, image) -> texts.add(key.text()));
        return texts;
    }

    private static FoldedTopic.Image image() {
        return FoldedTopic.Image.ofBytes(new byte[0]);
    }
}
