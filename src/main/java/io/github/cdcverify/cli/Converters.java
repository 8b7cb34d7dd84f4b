package io.github.cdcverify.cli;

import io.github.cdcverify.generate.Mix;
import io.github.cdcverify.setup.TableName;
import io.github.cdcverify.stack.PostgresEndpoint;
import io.github.cdcverify.time.Durations;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;
import java.util.function.Function;

/**
 * Option values checked while the command line is parsed, so that a bad one is answered like any other bad value:
 * what was wrong, the usage, exit code 2.
 */
final class Converters {

    private Converters() {
    }

    private static <T> T convert(String value, Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return Converters.convert(value, text -> Durations.parse(text, "--duration"));
        }
    }

    static final class SettleConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return Converters.convert(value, text -> Durations.parse(text, "--settle"));
        }
    }

    static final class SoakConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration duration = Converters.convert(value, text -> Durations.parse(text, "--soak"));
            if (duration.isZero() || duration.isNegative()) {
                throw new TypeConversionException("--soak must last a positive time, e.g. 30s or 10m, not " + value);
            }
            return duration;
        }
    }

    static final class ReportEveryConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return Converters.convert(value, text -> Durations.parse(text, "--report-every"));
        }
    }

    static final class SslModeConverter implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return Converters.convert(value, PostgresEndpoint::requireSslMode);
        }
    }

    static final class ConfigProviderReferenceConverter implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return Converters.convert(value, PostgresEndpoint::requireConfigProviderReference);
        }
    }

    static final class MixConverter implements ITypeConverter<Mix> {
        @Override
        public Mix convert(String value) {
            return Converters.convert(value, Mix::parse);
        }
    }

    static final class TableNameConverter implements ITypeConverter<TableName> {
        @Override
        public TableName convert(String value) {
            return Converters.convert(value, TableName::parse);
        }
    }

    /** A percentage from 0 to 100; anything else is a usage error. */
    static final class PercentConverter implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            try {
                double percent = Double.parseDouble(value.strip().replace("%", ""));
                if (percent >= 0 && percent <= 100) {
                    return percent;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new TypeConversionException("'" + value + "' is not a percentage from 0 to 100");
        }
    }
}
