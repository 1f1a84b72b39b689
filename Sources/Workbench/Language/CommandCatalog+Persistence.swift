// Catalog text is ASCII only, so help reads the same when the locale is not UTF-8.
extension CommandCatalog {
    static let persistenceEntries: [CommandEntry] = [
        CommandEntry(
            "save", group: .session,
            usage: "save NAME",
            summary: "Saves the session as NAME.lab and NAME.safetensors.",
            arguments: [
                ArgumentInfo(
                    "NAME", .text,
                    meaning: "A file name without extension, relative to the working folder.")
            ],
            example: "save spiral-model",
            help: "NAME.lab lists the commands that rebuild the data and the model: seed, data,"
                + " input, layers, loss, optimizer, batch and penalties. NAME.safetensors holds"
                + " every weight and buffer under its PyTorch name, the optimizer state under"
                + " optimizer.NAME.STATE, and the step, epoch, learning rate and random"
                + " generator state in its metadata. Each file is written to a temporary file"
                + " first and renamed, so a crash never leaves half a file."),
        CommandEntry(
            "load", group: .session,
            usage: "load NAME",
            summary: "Restores a session saved with save.",
            arguments: [
                ArgumentInfo(
                    "NAME", .text,
                    meaning: "The name given to save, with or without .lab.")
            ],
            example: "load spiral-model",
            help: "Checks everything first: the weights file's header, tensor names, types and"
                + " shapes against the model that NAME.lab builds. Only then does it replace"
                + " the session, so a bad file changes nothing. Training then continues"
                + " exactly as it would have without the save."),
        CommandEntry(
            "export pytorch", group: .session,
            usage: "export pytorch FILE.py [weights=FILE]",
            summary: "Writes a Python module that rebuilds the model in PyTorch.",
            arguments: [
                ArgumentInfo("FILE", .text, meaning: "The module to write, ending in .py.")
            ],
            options: [
                OptionInfo(
                    "weights", .text, syntax: "FILE", default: nil,
                    meaning: "A safetensors file written by save for the module to load."
                        + " Without it, the current weights are written next to the module"
                        + " with the extension .safetensors, unless that file is a save:"
                        + " then the export is rejected and nothing is written.")
            ],
            example: "export pytorch model.py",
            help: "The module defines the model as torch.nn.Sequential with the same layer"
                + " indices, so the weight names match, and loads the weights with"
                + " safetensors. Run as a script, it prints the outputs for a few rows, to"
                + " compare with predict. Recurrent layers use batch_first=True and return"
                + " the last hidden state unless they return sequences. A GRU in the chapter's"
                + " form has no PyTorch equivalent; build it with form=pytorch to export it."),
        CommandEntry(
            "export metrics", group: .session,
            usage: "export metrics FILE.csv|FILE.jsonl",
            summary: "Writes the metrics of every epoch and the loss of every step.",
            arguments: [
                ArgumentInfo(
                    "FILE", .text, meaning: "The file to write, ending in .csv or .jsonl.")
            ],
            example: "export metrics run.csv",
            help: "Each epoch gives its number, loss, loss terms, accuracies, test loss and"
                + " samples per second. Each step gives its number and loss. In CSV the two"
                + " kinds of rows share one table, told apart by the kind column."),
        CommandEntry(
            "export plot", group: .session,
            usage: "export plot loss|hist|boundary [LAYER] FILE.svg|FILE.txt"
                + " [of=weights|activations]",
            summary: "Draws the loss, a layer's histogram or the decision boundary to a file.",
            arguments: [
                ArgumentInfo(
                    "KIND", .choice(["loss", "hist", "boundary"]),
                    meaning: "loss (per step and per epoch), hist (a histogram of layer LAYER)"
                        + " or boundary (the decision boundary of two-feature data)."),
                ArgumentInfo(
                    "LAYER", .integer, optional: true,
                    meaning: "With hist, the index of the layer, from 0."),
                ArgumentInfo(
                    "FILE", .text, meaning: "The file to write, ending in .svg or .txt."),
            ],
            options: [
                OptionInfo(
                    "of", .choice(HistogramSource.allCases.map(\.rawValue)), default: "weights",
                    meaning: "With hist, what to count: the layer's first parameter or its"
                        + " outputs over the training rows.")
            ],
            example: "export plot loss loss.svg",
            help: "An .svg file is a standalone vector drawing, and a .txt file is the chart in"
                + " plain characters as the screen draws it."),
        CommandEntry(
            "history", group: .session, usage: "history",
            summary: "Lists the commands typed in this session.",
            example: "history",
            help: "Comment lines and blank lines are left out. After a recovery the list"
                + " includes the commands of the session that ended without quit, from its"
                + " journal."),
    ]
}
