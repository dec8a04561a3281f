package io.tcbill.cli;

import io.tcbill.app.ExpectedFailureTrace;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code java -jar tcbill.jar}. */
@Command(name = "tcbill", mixinStandardHelpOptions = true, versionProvider = TcbillCli.Version.class,
        description = {
            "Pulls Tencent Cloud International partner bills (L2, L3, commission) from the Partner API, keeps every"
                    + " raw file in S3-compatible storage and publishes typed tables in DuckDB.",
            "",
            "Start with 'tcbill demo': it runs one month against the built-in simulator, no account needed."},
        subcommands = {RunCommand.class, BackfillCommand.class, StatusCommand.class, ServeCommand.class, DemoCommand.class,
            ScheduleCommand.class, SimulateCommand.class, BenchCommand.class, LakeViewsCommand.class, DictionaryCommand.class,
            CommandLine.HelpCommand.class},
        footer = ExitCodes.HELP_FOOTER)
public final class TcbillCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** A setter, so that it takes effect whichever command it is given to (an inherited option). */
    @CommandLine.Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Show the stack trace of every failure in the log; without it a failure tcbill describes"
                    + " (a file that did not arrive, a refused key, unreachable storage) is one 'cause:' line."
                    + " TCBILL_DEBUG=true does the same.")
    void debug(boolean on) {
        if (on) {
            ExpectedFailureTrace.showAll();
        }
    }

    public static void main(String[] args) {
        bindH2ServerToLoopback();
        System.exit(commandLine().execute(args));
    }

    /**
     * The default metadata URL shares its H2 file between processes (AUTO_SERVER): the first one serves it over TCP,
     * which H2 binds to every interface unless {@code h2.bindAddress} says otherwise. The other processes are on this
     * machine, so loopback is enough and nothing on the network can reach the metadata (set the property to override).
     */
    static void bindH2ServerToLoopback() {
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
    }

    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new TcbillCli());
        commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            cmd.getErr().println("tcbill: " + ex.getMessage());
            return ExitCodes.RUN_FAILED;
        });
        headings(commandLine);
        return commandLine;
    }

    /** A blank line and a title before the option and command lists, which otherwise run on from the description. */
    private static void headings(CommandLine commandLine) {
        commandLine.getCommandSpec().usageMessage().optionListHeading("%nOptions:%n").commandListHeading("%nCommands:%n");
        commandLine.getSubcommands().values().forEach(TcbillCli::headings);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = TcbillCli.class.getPackage().getImplementationVersion();
            return new String[] {"tcbill " + (version == null ? "(development build)" : version)};
        }
    }
}
