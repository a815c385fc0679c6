package io.ordo.gateway;

import java.net.InetSocketAddress;
import java.nio.file.Path;

import io.ordo.client.ApiKeyFile;
import io.ordo.client.ClientConfig;
import io.ordo.client.CommandResult;
import io.ordo.client.OrdoClient;
import io.ordo.gateway.server.Gateway;
import io.ordo.gateway.server.GatewayConfig;
import io.ordo.journal.EngineConfig;
import io.ordo.protocol.codec.KeyRole;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.ordo.gateway.Launched.launch;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ordo statement --connect HOST:PORT --key-file FILE}: the statement from a running server over the wire,
 * the same lines and closing balances as {@code ordo statement --data DIR} prints once the server has stopped; a
 * trader key reads its own account and is refused another's. {@code ordo balance --connect} gives the balances the
 * directory gives, as of a sequence and as of a value time.
 */
class StatementOverTheWireTest
{
    @TempDir
    Path tmp;

    private Gateway gateway;

    @BeforeEach
    void startAServerWithTwoAccounts() throws Exception
    {
        gateway = Gateway.start(new EngineConfig().dataDirectory(data()).createDataDirectory(true).accountIndex(true),
            new GatewayConfig().listen(new InetSocketAddress("127.0.0.1", 0)), data().resolve("operator.key"));
        try (OrdoClient operator = OrdoClient.connect(new ClientConfig().server("127.0.0.1", gateway.port())
            .login(ApiKeyFile.read(data().resolve("operator.key")))))
        {
            assertThat(operator.createAsset(2, 2).join().accepted()).isTrue();
            for (final long account : new long[] {5, 6})
            {
                assertThat(operator.openAccount(account).join().accepted()).isTrue();
                assertThat(operator.deposit(account, 2, 1_000_00).join().accepted()).isTrue();
            }
            assertThat(operator.withdraw(5, 2, 250_00, 1_000_000_000L).join().accepted()).isTrue();
            final CommandResult key = operator.createApiKey(5, KeyRole.TRADER).join();
            new ApiKeyFile(5, key.apiKey()).write(tmp.resolve("trader5.key"), "test");
        }
    }

    @AfterEach
    void stop()
    {
        if (gateway != null)
        {
            gateway.close();
        }
    }

    @Test
    void shouldPrintTheSameStatementFromTheServerAsFromTheStoppedServersDirectory()
    {
        final String server = "127.0.0.1:" + gateway.port();
        final Launched own = launch("statement", "--connect", server, "--key-file",
            tmp.resolve("trader5.key").toString(), "--account", "5");
        final Launched other = launch("statement", "--connect", server, "--key-file",
            tmp.resolve("trader5.key").toString(), "--account", "6");
        gateway.close();
        gateway = null;
        final Launched offline = launch("statement", "--data", data().toString(), "--account", "5");

        assertThat(own.exitCode()).as("output:%n%s%s", own.output(), own.errors()).isZero();
        assertThat(own.output()).contains("from the server at " + server, " DEPOSIT ", " WITHDRAWAL ",
            "value 1970-01-01T00:00:01Z", "2 lines", "closing balance of asset 2: available 75000, held 0",
            "explained: every line follows from the one before, from a zero opening balance");
        assertThat(closingLines(own.output())).isEqualTo(closingLines(offline.output())).isNotEmpty();
        assertThat(other.exitCode()).isEqualTo(1);
        assertThat(other.errors()).contains("NOT_ALLOWED");
    }

    @Test
    void shouldGiveTheSameBalancesFromTheServerAsFromTheDirectoryOnBothTimeAxes()
    {
        final String server = "127.0.0.1:" + gateway.port();
        final String key = tmp.resolve("trader5.key").toString();
        final Launched now = launch("balance", "--connect", server, "--key-file", key, "--account", "5");
        final Launched valued = launch("balance", "--connect", server, "--key-file", key, "--account", "5",
            "--as-of-value-time", "1970-01-01T00:00:02Z");
        gateway.close();
        gateway = null;
        final Launched valuedOffline = launch("balance", "--data", data().toString(), "--account", "5",
            "--as-of-value-time", "1970-01-01T00:00:02Z");

        assertThat(now.exitCode()).as("output:%n%s%s", now.output(), now.errors()).isZero();
        assertThat(now.output()).contains("from the server at " + server)
            .containsPattern("\\s+5\\s+2\\s+75000\\s+0\\n");
        assertThat(valued.output()).as("only the withdrawal is valued by then")
            .containsPattern("\\s+5\\s+2\\s+-25000\\s+0\\n");
        assertThat(rows(valued.output())).isEqualTo(rows(valuedOffline.output())).hasSize(1);
    }

    private static java.util.List<String> rows(final String output)
    {
        return output.lines().filter(line -> line.matches("\\s+\\d+\\s+\\d+\\s+-?\\d+\\s+-?\\d+")).toList();
    }

    private static java.util.List<String> closingLines(final String output)
    {
        return output.lines().filter(line -> line.startsWith("closing balance")).toList();
    }

    private Path data()
    {
        return tmp.resolve("data");
    }
}
