// Catalog text is ASCII only, so help reads the same when the locale is not UTF-8.
extension CommandCatalog {
    /// The entries of the data commands that read images, NumPy arrays, series and text.
    static let dataFileEntries: [CommandEntry] = [
        mnistEntry, npyEntry, windowEntry, textEntry,
    ]

    private static let mnistEntry = CommandEntry(
        "data mnist", group: .data,
        usage: "data mnist DIR [limit=N]",
        summary: "Loads the MNIST digits from their IDX files.",
        arguments: [
            ArgumentInfo(
                "DIR", .text,
                meaning: "The folder with train-images-idx3-ubyte, train-labels-idx1-ubyte,"
                    + " t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte, each plain or"
                    + " gzip-compressed with .gz added to its name. In a session file, $1"
                    + " takes it from the command line.")
        ],
        options: [
            OptionInfo(
                "limit", .integer, default: nil,
                meaning: "Keep only the first N images of the training set and the first N of"
                    + " the test set, for a quick run. Without limit=, every image is read.")
        ],
        example: "data mnist data/mnist limit=1000",
        help: "The training and test sets are the files' own, 60000 and 10000 images of"
            + " 28 by 28 grey pixels for MNIST. Each pixel is scaled from 0..255 to [0, 1],"
            + " and the features are not standardized. A sample has shape [1, 28, 28], one"
            + " channel as conv2d takes it, so a model starts with conv2d, or with flatten"
            + " before dense. The classes are the digits 0 to 9. Files of the same format,"
            + " such as Fashion-MNIST, load the same way.")

    private static let npyEntry = CommandEntry(
        "data npy", group: .data,
        usage: "data npy FEATURES LABELS [test=FRACTION] [task=classification|regression]"
            + " [standardize=yes|no]",
        summary: "Loads features and labels from two NumPy .npy files.",
        arguments: [
            ArgumentInfo(
                "FEATURES", .text,
                meaning: "The .npy file of features, one sample per index of the first"
                    + " dimension: [n, d] for rows of d features, [n, c, h, w] for images."),
            ArgumentInfo(
                "LABELS", .text,
                meaning: "The .npy file of labels, [n], or [n, outputs] for regression."),
        ],
        options: [
            OptionInfo(
                "test", .number, syntax: "FRACTION", default: "0.2",
                meaning: "Fraction of the samples held out as the test set, from 0 up to but"
                    + " not including 1. Each class keeps its share."),
            OptionInfo(
                "task", .choice(TaskKind.allCases.map(\.rawValue)), default: nil,
                meaning: "classification or regression. Without task=, integer labels make"
                    + " a classification and float labels a regression."),
            OptionInfo(
                "standardize", .yesNo, default: "no",
                meaning: "Whether each feature is scaled to mean 0 and standard deviation 1"
                    + " with the statistics of the training rows. Off by default, because"
                    + " arrays saved for training are usually scaled already."),
        ],
        example: "data npy features.npy labels.npy test=0.2",
        help: "A sample has the shape of the features without their first dimension, so"
            + " features [n, 1, 28, 28] give samples [1, 28, 28] for conv2d. The element"
            + " types read are float32, float64, uint8, int8, int32 and int64, in either byte"
            + " order. Under classification, each distinct label is a class, in ascending"
            + " order and named by its value. The test rows are drawn at random with the"
            + " session's generator, as data load does.")

    private static let windowEntry = CommandEntry(
        "data window", group: .data,
        usage: "data window FILE column=NAME|INDEX length=W [horizon=N] [test=FRACTION]"
            + " [scale=minmax|standard|none]",
        summary: "Cuts a series from a CSV column into windows for forecasting.",
        arguments: [
            ArgumentInfo(
                "FILE", .text,
                meaning: "The CSV file, with a header row and its rows in time order. Quote a"
                    + " path that contains spaces or #.")
        ],
        options: [
            OptionInfo(
                "column", .text, syntax: "NAME|INDEX", default: nil, required: true,
                meaning: "The series column, named by its header or by its zero-based"
                    + " position. A quoted value is always a header name."),
            OptionInfo(
                "length", .integer, syntax: "W", default: nil, required: true,
                meaning: "The values each window reads, W, at least 1."),
            OptionInfo(
                "horizon", .integer, default: "1",
                meaning: "How many steps after a window's last value its target lies, at"
                    + " least 1."),
            OptionInfo(
                "test", .number, syntax: "FRACTION", default: "0.2",
                meaning: "Fraction of the windows held out as the test set, the latest ones,"
                    + " from 0 up to but not including 1."),
            OptionInfo(
                "scale", .choice(SeriesScalingKind.allCases.map(\.rawValue)), default: "minmax",
                meaning: "minmax maps the training part onto [0, 1], standard scales it to"
                    + " mean 0 and standard deviation 1, and none keeps the values."),
        ],
        example: "data window samples/sunspots.csv column=sunspot_number length=12",
        help: "Window i reads W consecutive values and predicts the value h steps after its"
            + " last one:\n"
            + "    inputs = x[i], ..., x[i+W-1]        target = x[i+W-1+h]\n"
            + "so a series of T values gives T - W - h + 1 windows. Each is a sample of shape"
            + " [W, 1], W steps of one feature, for rnn, lstm and gru. The split is by time:"
            + " the latest windows are the test set, so the model is tested on a future it"
            + " has not seen. The scaling is fitted on the values that the training windows"
            + " read, and MSE is in scaled units, while predict takes and shows the"
            + " series' own units. The last-value baseline predicts each"
            + " target by its window's last value. The summary shows its MSE, and eval"
            + " compares the model with it: a forecaster is useful only when the ratio of"
            + " its test MSE to the baseline's is below 1.")

    private static let textEntry = CommandEntry(
        "data text", group: .data,
        usage: "data text FILE [length=T] [mode=words|text] [limit=N] [test=FRACTION]",
        summary: "Builds next-character samples from a word list or a text.",
        arguments: [
            ArgumentInfo(
                "FILE", .text,
                meaning: "A UTF-8 text file: one word per line for mode=words, running text"
                    + " for mode=text.")
        ],
        options: [
            OptionInfo(
                "length", .integer, syntax: "T", default: "8",
                meaning: "The characters of context before each predicted character, T, at"
                    + " least 1."),
            OptionInfo(
                "mode", .choice(TextModeKind.allCases.map(\.rawValue)), default: "words",
                meaning: "words reads one word per line and also teaches where words end."
                    + " text reads the file as one running text, line breaks included."),
            OptionInfo(
                "limit", .integer, default: nil,
                meaning: "In words mode, the number of words drawn at random from the file."
                    + " In text mode, the number of windows kept from the start of the"
                    + " text. Without limit=, every word or window is used."),
            OptionInfo(
                "test", .number, syntax: "FRACTION", default: "0.1",
                meaning: "Fraction held out as the test set, from 0 up to but not including"
                    + " 1: whole words in words mode, so that test words are unseen in"
                    + " training, and the end of the text in text mode."),
        ],
        example: "data text samples/words.txt length=8 limit=3000",
        help: "Each sample is a context of T characters, one-hot encoded as [T, V] over the V"
            + " symbols of the file, and its class is the character that follows. In words"
            + " mode the end of a word is a symbol too, written \\n: the context before a"
            + " word's first letter is T of them, and each word ends with one, so a word of"
            + " L letters gives L + 1 samples. For T = 3 and the word emma (with _ for \\n):\n"
            + "    ___ -> e,  __e -> m,  _em -> m,  emm -> a,  mma -> \\n\n"
            + "Words are drawn with the session's generator, so a seed before this line"
            + " makes them repeatable. Train with loss crossentropy and a last layer"
            + " dense V softmax. The test loss is then the mean cross-entropy in nats per"
            + " character (the end of a word counts as a character), and generate samples"
            + " new words or text from the model.")
}
