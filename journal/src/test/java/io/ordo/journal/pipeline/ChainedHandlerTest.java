package io.ordo.journal.pipeline;

import java.util.ArrayList;
import java.util.List;

import com.lmax.disruptor.EventHandler;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChainedHandlerTest
{
    private final List<String> calls = new ArrayList<>();
    private final Long[] ring = new Long[1024];
    private final EventHandler<Long> first = (event, sequence, endOfBatch) ->
        calls.add("first " + event + (endOfBatch ? " end" : ""));
    private final EventHandler<Long> second = (event, sequence, endOfBatch) ->
        calls.add("second " + event + (endOfBatch ? " end" : ""));
    private final ChainedHandler<Long> chained = new ChainedHandler<>(first, second, sequence -> ring[(int)sequence]);

    private void deliver(final long from, final long to) throws Exception
    {
        for (long s = from; s <= to; s++)
        {
            ring[(int)s] = s;
            chained.onEvent(ring[(int)s], s, s == to);
        }
    }

    @Test
    void shouldHandTheSecondHandlerEachEventOnlyAfterTheFirstEndedItsBatch() throws Exception
    {
        // when: two batches of 3 and 2
        deliver(0, 2);
        deliver(3, 4);

        // then
        assertThat(calls).containsExactly(
            "first 0", "first 1", "first 2 end", "second 0", "second 1", "second 2 end",
            "first 3", "first 4 end", "second 3", "second 4 end");
    }
}
