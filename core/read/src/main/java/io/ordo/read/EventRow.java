package io.ordo.read;

import java.util.Locale;

/**
 * One event as named fields, in the order the schema has them: the event's type, then each field's name and its
 * value, a number or, for an enum, the value's name. What {@code ordo inspect} prints and filters, as text or JSON.
 * Reused for every event: copy what must outlive {@link EventRowAdapter}'s call.
 * <p>
 * Not thread safe.
 */
public final class EventRow
{
    private static final int MAX_FIELDS = 16;

    private final String[] names = new String[MAX_FIELDS];
    private final long[] numbers = new long[MAX_FIELDS];
    private final String[] texts = new String[MAX_FIELDS];
    private long sequence;
    private String type;
    private int count;

    void begin(final long sequence, final String type)
    {
        this.sequence = sequence;
        this.type = type;
        count = 0;
    }

    void add(final String name, final long value)
    {
        names[count] = name;
        numbers[count] = value;
        texts[count] = null;
        count++;
    }

    void addEnum(final String name, final String value)
    {
        names[count] = name;
        numbers[count] = 0;
        texts[count] = value;
        count++;
    }

    /** @return the input journal sequence of the command whose record holds the event. */
    public long sequence()
    {
        return sequence;
    }

    /** @return the event's message name, e.g. {@code Trade}, {@code BalanceChanged}. */
    public String type()
    {
        return type;
    }

    public int fieldCount()
    {
        return count;
    }

    public String name(final int field)
    {
        return names[field];
    }

    /** @return whether the field is an enum, whose value is {@link #text(int)}; else {@link #number(int)}. */
    public boolean isEnum(final int field)
    {
        return texts[field] != null;
    }

    public long number(final int field)
    {
        return numbers[field];
    }

    public String text(final int field)
    {
        return texts[field];
    }

    /** @return whether any account field (the account, the maker or the taker) is it. */
    public boolean namesAccount(final long accountId)
    {
        for (int i = 0; i < count; i++)
        {
            if (texts[i] == null && numbers[i] == accountId && names[i].endsWith("ccountId"))
            {
                return true;
            }
        }
        return false;
    }

    /** @return whether the event has an {@code instrumentId} field of that value. */
    public boolean namesInstrument(final int instrumentId)
    {
        for (int i = 0; i < count; i++)
        {
            if (texts[i] == null && numbers[i] == instrumentId && "instrumentId".equals(names[i]))
            {
                return true;
            }
        }
        return false;
    }

    /** @return {@code sequence type name=value ...} on one line. */
    @Override
    public String toString()
    {
        final StringBuilder text = new StringBuilder(128).append(sequence).append(' ').append(type);
        for (int i = 0; i < count; i++)
        {
            text.append(' ').append(names[i]).append('=');
            if (texts[i] != null)
            {
                text.append(texts[i]);
            }
            else
            {
                text.append(String.format(Locale.ROOT, "%d", numbers[i]));
            }
        }
        return text.toString();
    }
}
