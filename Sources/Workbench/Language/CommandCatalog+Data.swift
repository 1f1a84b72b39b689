// Catalog text is ASCII only, so help reads the same when the locale is not UTF-8.
extension CommandCatalog {
    static let dataEntries: [CommandEntry] = [
        CommandEntry(
            "data load", group: .data,
            usage: "data load PATH [label=NAME|INDEX] [test=FRACTION] [standardize=yes|no]"
                + " [task=classification|regression]",
            summary: "Loads a CSV file as training and test data.",
            arguments: [
                ArgumentInfo(
                    "PATH", .text,
                    meaning: "The CSV file to read. Quote a path that contains spaces or #.")
            ],
            options: [
                OptionInfo(
                    "label", .text, syntax: "NAME|INDEX", default: nil,
                    meaning: "The label column, named by its header or by its zero-based"
                        + " position. A quoted value is always a header name. Without label=,"
                        + " the last column is the label."),
                OptionInfo(
                    "test", .number, syntax: "FRACTION", default: "0.2",
                    meaning: "Fraction of the rows held out as the test set, from 0 up to but"
                        + " not including 1."),
                OptionInfo(
                    "standardize", .yesNo, default: "yes",
                    meaning: "Whether each feature is scaled to mean 0 and standard deviation 1"
                        + " with the statistics of the training rows."),
                OptionInfo(
                    "task", .choice(TaskKind.allCases.map(\.rawValue)), default: nil,
                    meaning: "Whether the labels are classes or numbers to predict. Without"
                        + " task=, LayerLab infers it from the label column."),
            ],
            example: "data load samples/iris.csv label=species test=0.2",
            help: "The first row of the file names the columns. The label column contains the"
                + " targets, and every other column must be numeric and becomes one input"
                + " feature. When task= is absent, labels that are text or a few distinct"
                + " integers make a classification task, and other numbers a regression task."),
        CommandEntry(
            "data info", aliases: ["data"], group: .data,
            usage: "data info",
            summary: "Shows the loaded data set and its split.",
            example: "data info",
            help: "It shows the source, the rows in each split, the features and the"
                + " label."),
    ] + toyDataEntries
}
