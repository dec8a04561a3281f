package io.tcbill.cli;

import io.tcbill.app.ExpectedFailureTrace;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code java -jar tcbill.jar}; its commands are {@link #COMMANDS}, added by {@link #commandLine}. */
@Command(name = "tcbill", mixinStandardHelpOptions = true, versionProvider = TcbillCli.Version.class,
        description = {
            "Pulls Tencent Cloud International partner bills (L2, L3, commission) from the Partner API, keeps every"
                    + " raw file in S3-compatible storage and publishes typed tables in DuckDB.",
            "",
            "Start with 'tcbill demo': it runs one month against the built-in simulator, no account needed."},
        footer = ExitCodes.HELP_FOOTER)
public final class TcbillCli implements Runnable {

    /** The commands, in the order the usage lists them. */
    static final List<Class<?>> COMMANDS = List.of(RunCommand.class, BackfillCommand.class, StatusCommand.class,
            ServeCommand.class, DemoCommand.class, ScheduleCommand.class, SimulateCommand.class, BenchCommand.class,
            LakeViewsCommand.class, DictionaryCommand.class, CommandLine.HelpCommand.class);

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
        System.exit(commandLine(args).execute(args));
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

    /** The command line with every command. */
    public static CommandLine commandLine() {
        return commandLine(COMMANDS);
    }

    /**
     * The command line {@code args} need: only the command they name when the first one names a command, else every
     * command (the usage lists them all, {@code help} may name any, an option before the command may precede any).
     * Picocli reads every option, converter and default of each command it is given: for all of them that was 0.4 to 0.7
     * of the 1 to 1.2 s picocli took at each start of {@code status} (from the fat jar, on 2 cores), for one it is not.
     */
    static CommandLine commandLine(String... args) {
        String first = args.length == 0 ? null : args[0];
        return commandLine(COMMANDS.stream()
                .filter(command -> command.getAnnotation(Command.class).name().equals(first)
                        && command != CommandLine.HelpCommand.class)
                .findFirst().map(List::<Class<?>>of).orElse(COMMANDS));
    }

    private static CommandLine commandLine(List<Class<?>> commands) {
        CommandLine commandLine = new CommandLine(new TcbillCli());
        commands.forEach(command -> commandLine.addSubcommand(new CommandLine(command)));
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
