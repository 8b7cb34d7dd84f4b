package io.github.cdcverify.judge;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Bytes as a JSON text: the JsonConverter writes Connect bytes in base64, and {@code binary.handling.mode} makes
 * them base64, base64-url-safe or hex strings. The schema is a plain string in each mode, so the text alone says
 * which: a value is read every way it can be.
 */
final class BinaryText {

    private static final Pattern HEX = Pattern.compile("(?:[0-9a-fA-F]{2})*");

    private BinaryText() {
    }

    /** Every reading of {@code text} as bytes: base64, base64-url-safe, hex; empty when it is none of them. */
    static List<byte[]> readings(String text) {
        List<byte[]> readings = new ArrayList<>(2);
        try {
            readings.add(Base64.getDecoder().decode(text));
        } catch (IllegalArgumentException notBase64) {
            try {
                readings.add(Base64.getUrlDecoder().decode(text));
            } catch (IllegalArgumentException notUrlSafe) {
                // Neither base64 alphabet: hex below, or nothing.
            }
        }
        if (HEX.matcher(text).matches()) {
            readings.add(HexFormat.of().parseHex(text));
        }
        return readings;
    }

    /**
     * The one reading of a key's bytes: hex where the text is hex (even length, hex digits only), else base64 of
     * either alphabet; null when none. Base64 that happens to be made of hex digits only is read as hex, a limit
     * that a key (whose text must be one value) cannot avoid without the connector's mode.
     */
    static byte[] keyReading(String text) {
        if (HEX.matcher(text).matches() && !text.isEmpty()) {
            return HexFormat.of().parseHex(text);
        }
        List<byte[]> readings = readings(text);
        return readings.isEmpty() ? null : readings.get(0);
    }
}
