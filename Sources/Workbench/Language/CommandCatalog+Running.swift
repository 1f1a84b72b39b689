// Catalog text is ASCII only, so help reads the same when the locale is not UTF-8.
extension CommandCatalog {
    static let runningEntries: [CommandEntry] = [
        CommandEntry(
            "train", group: .running,
            usage: "train N [epochs|steps]",
            summary: "Trains for N epochs or N steps.",
            arguments: [
                ArgumentInfo("N", .integer, meaning: "How many epochs or steps, at least 1."),
                ArgumentInfo(
                    "UNIT", .choice([TrainUnit.epochs.rawValue, TrainUnit.steps.rawValue]),
                    optional: true, meaning: "epochs (the default) or steps."),
            ],
            example: "train 20 epochs",
            help: "An epoch is one pass over the training rows, and a step is one update on"
                + " one mini-batch. epoch and step are accepted too. While training runs,"
                + " pause, resume, stop, step and set take effect between steps. Before it"
                + " starts, train estimates the memory of one batch (each layer's output and"
                + " its gradient, and copies of the parameters) and rejects a batch that does"
                + " not fit in the memory available or under ulimit -v, naming a batch size"
                + " that does."),
        CommandEntry(
            "eval", group: .running,
            usage: "eval [train|test]",
            summary: "Evaluates the model on the test or training rows.",
            arguments: [
                ArgumentInfo(
                    "SPLIT", .choice([EvalSplit.train.rawValue, EvalSplit.test.rawValue]),
                    optional: true, meaning: "test (the default) or train.")
            ],
            example: "eval test",
            help: "Computes the loss and the metrics on the chosen rows without changing any"
                + " weight. On data window data it also shows the last-value baseline's MSE"
                + " and the ratio of the model's MSE to it. On data text the loss is the"
                + " cross-entropy in nats per character, also shown in bits."),
        CommandEntry(
            "predict", group: .running,
            usage: "predict VALUE [VALUE ...]",
            summary: "Runs the model on one sample and shows the output.",
            arguments: [
                ArgumentInfo(
                    "VALUE", .number, repeated: true,
                    meaning: "One input value. Give one value per input feature, per time step of a"
                        + " sequence or per pixel of an image.")
            ],
            example: "predict 5.1 3.5 1.4 0.2",
            help: "The values form one sample in the order of the input features, in the"
                + " units of the data file: predict standardizes them as data load did."
                + " After data window with scale=minmax or standard, give the W values of a"
                + " window in the series' units: predict scales them as the training values"
                + " were, and shows the forecast in the series' units with the model's scaled"
                + " output after it. Commas between values are allowed, as in predict 5.1,"
                + " 3.5, 1.4, 0.2."),
        CommandEntry(
            "summary", group: .running,
            usage: "summary",
            summary: "Lists the layers, output shapes and parameter counts.",
            example: "summary",
            help: "Shows each layer with the shape of its output and its number of"
                + " parameters, and the totals."),
    ]
}
