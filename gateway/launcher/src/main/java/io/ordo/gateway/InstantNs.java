package io.ordo.gateway;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Converts a command-line time, ISO-8601 in UTC ({@code 2026-12-02T18:53:05Z}, fractions of a second allowed), to
 * nanoseconds since the epoch, the unit of the sequencer's timestamps in the journal.
 * <p>
 * Stateless; thread safe.
 */
final class InstantNs implements ITypeConverter<Long>
{
    @Override
    public Long convert(final String value)
    {
        try
        {
            final Instant instant = Instant.parse(value.trim());
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
        }
        catch (final DateTimeParseException | ArithmeticException e)
        {
            throw new TypeConversionException("not a UTC time like 2026-12-02T18:53:05Z: " + value);
        }
    }
}
