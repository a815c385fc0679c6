package io.ordo.benchmarks;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.ordo.core.layering.ForbiddenDisruptorUse;
import io.ordo.protocol.layering.ForbiddenBlpUse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The module layering of docs/architecture.md, enforced on the production classes of every module: dependencies
 * point one way, protocol &lt;- core (BLP) &lt;- workload, core &lt;- journal &lt;- gateway; the client sees the
 * protocol alone; nothing but the benchmarks depends on the benchmarks. The BLP and the protocol read no clock, start
 * no thread, do no file or network I/O and draw no randomness.
 * <p>
 * It lives here because the benchmarks module is the one module that may depend on all the others, so every
 * module's classes are on this test's classpath. The maven-enforcer rules in core and client poms ban the same
 * dependencies at the jar level, transitively.
 */
class LayeringTest
{
    private static final String JAVA = "java..";
    private static final String AGRONA = "org.agrona..";
    private static final String PROTOCOL = "io.ordo.protocol..";
    private static final String CORE = "io.ordo.core..";
    private static final String WORKLOAD = "io.ordo.workload..";
    private static final String JOURNAL = "io.ordo.journal..";
    private static final String CLIENT = "io.ordo.client..";
    private static final String GATEWAY = "io.ordo.gateway..";
    private static final String BENCHMARKS = "io.ordo.benchmarks..";
    private static final String POSTGRES = "io.ordo.postgres..";

    /** What a deterministic, I/O-free module must not touch: clocks, threads, files, sockets, randomness. */
    private static final String[] NONDETERMINISTIC = {
        "java.io.File..", "java.nio.file..", "java.net..", "java.nio.channels..", "java.time..",
        "java.util.concurrent..", "java.util.Random", "java.util.SplittableRandom", "java.security.SecureRandom",
        "java.lang.Thread", "java.lang.ThreadLocal", "java.lang.ProcessBuilder", "java.lang.Runtime",
    };

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses()
    {
        production = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.ordo");
    }

    static ArchRule protocolDependsOnAgronaOnly()
    {
        return classes().that().resideInAPackage(PROTOCOL)
            .should().onlyDependOnClassesThat().resideInAnyPackage(PROTOCOL, AGRONA, JAVA)
            .because("a client library must be able to depend on the protocol alone");
    }

    static ArchRule coreDependsOnProtocolAndAgronaOnly()
    {
        return classes().that().resideInAPackage(CORE)
            .should().onlyDependOnClassesThat().resideInAnyPackage(CORE, PROTOCOL, AGRONA, JAVA)
            .because("the BLP is driven by plain method calls: no Disruptor, no Chronicle, no module above it");
    }

    static ArchRule coreAndProtocolAreDeterministicAndDoNoIo()
    {
        return noClasses().that().resideInAnyPackage(CORE, PROTOCOL)
            .should().dependOnClassesThat().resideInAnyPackage(NONDETERMINISTIC)
            .orShould().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(System.class, "nanoTime")
            .orShould().callMethod(System.class, "getenv", String.class)
            .orShould().callMethod(System.class, "getProperty", String.class)
            .because("state is a pure function of the input journal: time enters only as a field of a command");
    }

    @Test
    void shouldKeepProtocolFreeOfEverythingButAgrona()
    {
        protocolDependsOnAgronaOnly().check(production);
    }

    @Test
    void shouldKeepCoreFreeOfThreadsJournalsAndUpperModules()
    {
        coreDependsOnProtocolAndAgronaOnly().check(production);
    }

    @Test
    void shouldKeepCoreAndProtocolFreeOfClocksThreadsIoAndRandomness()
    {
        coreAndProtocolAreDeterministicAndDoNoIo().check(production);
    }

    @Test
    void shouldLetWorkloadsUseOnlyTheProtocolAndTheBlp()
    {
        classes().that().resideInAPackage(WORKLOAD)
            .should().onlyDependOnClassesThat().resideInAnyPackage(WORKLOAD, CORE, PROTOCOL, AGRONA, JAVA)
            .because("the demo, the benchmarks and the tests share the workloads; they drive the BLP directly")
            .check(production);
    }

    @Test
    void shouldKeepJournalBelowGatewayAndBenchmarks()
    {
        noClasses().that().resideInAPackage(JOURNAL)
            .should().dependOnClassesThat().resideInAnyPackage(WORKLOAD, CLIENT, GATEWAY, BENCHMARKS)
            .because("dependencies point one way: core <- journal <- gateway")
            .check(production);
    }

    @Test
    void shouldKeepThePostgresProjectionBesideTheJournalAndBelowTheGateway()
    {
        noClasses().that().resideInAPackage(POSTGRES)
            .should().dependOnClassesThat().resideInAnyPackage(WORKLOAD, CLIENT, GATEWAY, BENCHMARKS, "com.lmax..")
            .because("the event store in PostgreSQL is a read model of the output journal, fed through its tail")
            .check(production);
        noClasses().that().resideInAnyPackage(PROTOCOL, CORE, JOURNAL, CLIENT)
            .should().dependOnClassesThat().resideInAPackage(POSTGRES)
            .because("the engine never waits for, or knows of, a database")
            .check(production);
    }

    @Test
    void shouldLetTheClientSeeTheProtocolOnly()
    {
        noClasses().that().resideInAPackage(CLIENT)
            .should().dependOnClassesThat()
            .resideInAnyPackage(CORE, WORKLOAD, JOURNAL, GATEWAY, BENCHMARKS, "com.lmax..", "net.openhft..")
            .because("a client must not pull in the engine, Chronicle or the Disruptor")
            .check(production);
    }

    @Test
    void shouldLetNothingButTheBenchmarksDependOnTheBenchmarks()
    {
        noClasses().that().resideOutsideOfPackage(BENCHMARKS)
            .should().dependOnClassesThat().resideInAPackage(BENCHMARKS)
            .check(production);
    }

    @Test
    void shouldFailWhenACoreClassImportsTheDisruptor()
    {
        final JavaClasses violation = new ClassFileImporter().importClasses(ForbiddenDisruptorUse.class);

        assertThatThrownBy(() -> coreDependsOnProtocolAndAgronaOnly().check(violation))
            .as("the core rule must catch a BLP class that uses the Disruptor")
            .isInstanceOf(AssertionError.class)
            .hasMessageContaining(ForbiddenDisruptorUse.class.getName())
            .hasMessageContaining("com.lmax.disruptor");
        assertThatThrownBy(() -> coreAndProtocolAreDeterministicAndDoNoIo().check(violation))
            .as("the determinism rule must catch a BLP class that reads the clock")
            .isInstanceOf(AssertionError.class)
            .hasMessageContaining("System.nanoTime()");
    }

    @Test
    void shouldFailWhenAProtocolClassImportsTheBlp()
    {
        final JavaClasses violation = new ClassFileImporter().importClasses(ForbiddenBlpUse.class);

        assertThatThrownBy(() -> protocolDependsOnAgronaOnly().check(violation))
            .as("the protocol rule must catch a protocol class that uses the BLP")
            .isInstanceOf(AssertionError.class)
            .hasMessageContaining(ForbiddenBlpUse.class.getName())
            .hasMessageContaining("io.ordo.core.BusinessLogicProcessor");
    }
}
