package dev.burnj.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.data.transform.Normalize;
import dev.burnj.data.transform.RandomCrop;
import dev.burnj.data.transform.RandomHorizontalFlip;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TransformTest {
    private static final LabeledImage IMAGE = Images.synthetic(1, 2, 3, 4).get(0);

    @Test
    void normalizePerChannel() {
        LabeledImage out = Normalize.of(new float[] {0.5f, 1f}, new float[] {2f, 4f}).map(IMAGE);
        for (int c = 0; c < 2; c++) {
            for (int y = 0; y < 3; y++) {
                for (int x = 0; x < 4; x++) {
                    double expected = (IMAGE.at(c, y, x) - (c == 0 ? 0.5 : 1.0)) / (c == 0 ? 2.0 : 4.0);
                    assertEquals(expected, out.at(c, y, x), 1e-6);
                }
            }
        }
        assertEquals(IMAGE.label(), out.label());
        assertThrows(IllegalArgumentException.class, () -> Normalize.of(0f, 0f));
        assertThrows(IllegalArgumentException.class, () -> Normalize.of(new float[] {0, 0, 0}, new float[] {1, 1, 1}).map(IMAGE));
    }

    @Test
    void flipMirrorsColumns() {
        LabeledImage flipped = RandomHorizontalFlip.of(1).map(IMAGE, ItemRandom.of(1, 0, 0));
        for (int c = 0; c < 2; c++) {
            for (int y = 0; y < 3; y++) {
                for (int x = 0; x < 4; x++) {
                    assertEquals(IMAGE.at(c, y, 3 - x), flipped.at(c, y, x));
                }
            }
        }
        assertSame(IMAGE, RandomHorizontalFlip.of(0).map(IMAGE, ItemRandom.of(1, 0, 0)));
    }

    @Test
    void flipDrawsFromTheItemStream() {
        int flips = 0;
        for (int i = 0; i < 1000; i++) {
            LabeledImage a = RandomHorizontalFlip.of(0.5).map(IMAGE, ItemRandom.of(7, 2, i));
            LabeledImage b = RandomHorizontalFlip.of(0.5).map(IMAGE, ItemRandom.of(7, 2, i));
            assertArrayEquals(a.pixels(), b.pixels());
            flips += a == IMAGE ? 0 : 1;
        }
        assertTrue(Math.abs(flips - 500) < 80, "flips " + flips);
    }

    @Test
    void cropWithPaddingMatchesAPlainLoop() {
        Set<String> offsets = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            ItemRandom random = ItemRandom.of(3, 0, i);
            LabeledImage out = RandomCrop.of(3, 4, 1).withFill(-1f).map(IMAGE, random);
            ItemRandom again = ItemRandom.of(3, 0, i);
            int top = again.nextInt(3);
            int left = again.nextInt(3);
            offsets.add(top + "," + left);
            for (int c = 0; c < 2; c++) {
                for (int y = 0; y < 3; y++) {
                    for (int x = 0; x < 4; x++) {
                        int sy = y + top - 1;
                        int sx = x + left - 1;
                        float expected = sy >= 0 && sy < 3 && sx >= 0 && sx < 4 ? IMAGE.at(c, sy, sx) : -1f;
                        assertEquals(expected, out.at(c, y, x), "item " + i + " at " + c + "," + y + "," + x);
                    }
                }
            }
        }
        assertEquals(9, offsets.size(), "every offset of the padded image is reachable");
        assertThrows(IllegalArgumentException.class, () -> RandomCrop.of(6, 4, 1).map(IMAGE, ItemRandom.of(0, 0, 0)));
    }
}
