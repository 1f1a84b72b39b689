// Catalog text is ASCII only, so help reads the same when the locale is not UTF-8.
extension CommandCatalog {
    static let controlEntries: [CommandEntry] = [
        CommandEntry(
            "pause", group: .control, usage: "pause",
            summary: "Pauses training after the current step.",
            example: "pause",
            help: "Training keeps its state, so resume continues where it stopped."),
        CommandEntry(
            "resume", group: .control, usage: "resume",
            summary: "Resumes paused training.",
            example: "resume",
            help: "Continues a paused run with the remaining epochs or steps."),
        CommandEntry(
            "stop", group: .control, usage: "stop",
            summary: "Stops training after the current step.",
            example: "stop",
            help: "Ends the run. The weights keep the values of the last step."),
        CommandEntry(
            "step", group: .control, usage: "step",
            summary: "Runs one training step, then pauses.",
            example: "step",
            help: "Runs a single mini-batch update, to watch training one step at a time."),
        CommandEntry(
            "set lr", group: .control,
            usage: "set lr X",
            summary: "Changes the learning rate, also while training.",
            arguments: [
                ArgumentInfo("RATE", .number, meaning: "The new learning rate, greater than 0.")
            ],
            example: "set lr 0.001",
            help: "The new rate applies from the next training step. set lr=0.001 is"
                + " accepted too."),
        CommandEntry(
            "set batch", group: .control,
            usage: "set batch N|all",
            summary: "Changes the mini-batch size, also while training.",
            arguments: [
                ArgumentInfo(
                    "SIZE", .integerOrAll,
                    meaning: "Samples per mini-batch, at least 1, or all for every training"
                        + " sample.")
            ],
            example: "set batch 64",
            help: "The new size applies from the next training step. set batch=64 is"
                + " accepted too."),
    ]

    static let sessionEntries: [CommandEntry] = [
        CommandEntry(
            "say", group: .session,
            usage: "say TEXT...",
            summary: "Prints a line of narration.",
            arguments: [
                ArgumentInfo(
                    "TEXT", .text, optional: true, repeated: true,
                    meaning: "The rest of the line. Quotes are optional.")
            ],
            example: "say \"Now watch the loss fall.\"",
            help: "Lessons use say to explain the next command. Outside quotes # starts a"
                + " comment, so write say \"step #3\" to print a #. Quotes around a word are"
                + " removed, and spaces between words are kept as typed. With no text, say"
                + " prints an empty line."),
        CommandEntry(
            "wait", group: .session, usage: "wait",
            summary: "Waits for a key press before going on.",
            example: "wait",
            help: "Lessons use wait to give the reader time before the next command."),
    ]

    static let otherEntries: [CommandEntry] = [
        CommandEntry(
            "help", group: .other,
            usage: "help [COMMAND]",
            summary: "Lists the commands, or explains one.",
            arguments: [
                ArgumentInfo(
                    "COMMAND", .commandName, optional: true,
                    meaning: "A command, such as dense or optimizer.")
            ],
            example: "help dense",
            help: "help alone lists every command by group. help COMMAND shows its usage,"
                + " arguments, options and an example."),
        CommandEntry(
            "quit", aliases: ["exit"], group: .other,
            usage: "quit",
            summary: "Leaves LayerLab.",
            example: "quit",
            help: ""),
    ]
}
