package io.ordo.gateway;

import java.nio.file.Files;
import java.nio.file.Path;

import io.ordo.gateway.server.GatewayConfig;
import io.ordo.journal.EngineConfig;
import io.ordo.journal.pipeline.WaitStrategyKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static io.ordo.gateway.Launched.launch;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One configuration file for the engine and the server: its settings become the defaults of the options of the same
 * names, a flag wins over it, {@code ordo config --print} shows each effective value and its source, the server's
 * engine and gateway configurations get the values, and a setting no command has is refused naming the file.
 */
class ConfigCommandTest
{
    @TempDir
    Path dir;

    @Test
    void shouldPrintEachSettingWithItsValueAndSource() throws Exception
    {
        final Path file = Files.writeString(dir.resolve("ordo.properties"),
            "listen=0.0.0.0:7801\nsnapshot-interval=5000\nidle-timeout-ms=30000\n");

        final Launched defaults = launch("config", "--print");
        final Launched configured = launch("config", "--print", "--config", file.toString(), "--idle-timeout-ms",
            "9000");

        assertThat(defaults.exitCode()).as(defaults.errors()).isZero();
        assertThat(defaults.output()).containsPattern("(?m)^listen=127\\.0\\.0\\.1:7700 +# default$")
            .containsPattern("(?m)^snapshot-interval=1000000 +# default$")
            .containsPattern("(?m)^input-wait-strategy=LITE_BLOCKING +# default$");
        assertThat(configured.exitCode()).as(configured.errors()).isZero();
        assertThat(configured.output()).contains("(file: " + file.toAbsolutePath() + ")")
            .containsPattern("(?m)^listen=0\\.0\\.0\\.0:7801 +# file$")
            .containsPattern("(?m)^snapshot-interval=5000 +# file$")
            .containsPattern("(?m)^idle-timeout-ms=9000 +# flag$")
            .containsPattern("(?m)^max-subscriptions=64 +# default$");
    }

    @Test
    void shouldGiveTheServerTheFilesValuesUnlessAFlagSaysOtherwise() throws Exception
    {
        final Path file = Files.writeString(dir.resolve("server.properties"),
            "snapshot-interval=5000\nidle-timeout-ms=30000\noutput-wait-strategy=YIELDING\nmax-subscriptions=8\n" +
            "journal-pretouch-mib=0\n");
        final ServerCommand server = new ServerCommand();
        final CommandLine commandLine = ConfigFile.apply(new CommandLine(server), file);

        commandLine.parseArgs("--snapshot-interval", "7");
        final ServerSettings settings = commandLine.getCommandSpec().mixins().get("settings").userObject() instanceof
            ServerSettings mixin ? mixin : null;

        assertThat(settings).isNotNull();
        final EngineConfig engine = settings.apply(new EngineConfig());
        final GatewayConfig gateway = settings.apply(new GatewayConfig());
        assertThat(engine.snapshotIntervalCommands()).as("the flag").isEqualTo(7);
        assertThat(engine.outputWaitStrategy()).as("the file").isEqualTo(WaitStrategyKind.YIELDING);
        assertThat(engine.inputWaitStrategy()).as("the default").isEqualTo(WaitStrategyKind.DEFAULT)
            .isEqualTo(WaitStrategyKind.LITE_BLOCKING);
        assertThat(engine.pretouchAheadBytes()).as("the file: no pretouching").isZero();
        assertThat(settings.apply(new EngineConfig()).diskSpaceReserveBytes()).as("the default")
            .isEqualTo(64L << 20);
        assertThat(gateway.idleTimeoutMs()).as("the file").isEqualTo(30_000);
        assertThat(gateway.maxSubscriptions()).as("the file").isEqualTo(8);
    }

    @Test
    void shouldRefuseASettingNoCommandHasNamingTheFile() throws Exception
    {
        final Path file = Files.writeString(dir.resolve("typo.properties"), "lisen=0.0.0.0:7801\n");

        final Launched typo = launch("config", "--print", "--config", file.toString());

        assertThat(typo.exitCode()).isEqualTo(1);
        assertThat(typo.errors()).contains("unknown setting 'lisen' in " + file);
    }


}
