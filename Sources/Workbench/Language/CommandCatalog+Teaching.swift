// Catalog text is ASCII only, so help reads the same when the locale is not UTF-8.
extension CommandCatalog {
    static let teachingEntries: [CommandEntry] = [
        CommandEntry(
            "forward", group: .teaching, usage: "forward [op]",
            summary: "Steps the next mini-batch forward one layer (or one op) at a time.",
            arguments: [
                ArgumentInfo(
                    "op", .choice(["op"]), optional: true,
                    meaning: "Step one recorded op at a time instead of one layer.")
            ],
            example: "forward",
            help: "The first forward takes the batch the next training step would use and"
                + " computes the whole step, then shows layer 1: the formula in the chapter's"
                + " notation, the input h(0), the pre-activation a(1) and the output h(1). Each"
                + " further forward shows the next layer, then the loss. Small tensors are shown"
                + " in full, large ones as statistics."),
        CommandEntry(
            "backward", group: .teaching, usage: "backward",
            summary: "Steps the gradient back one layer (or op) at a time.",
            example: "backward",
            help: "Shows, from the output down, Delta(h(k), o) = dL/dh(k), the activation's"
                + " derivative alpha'(a(k)), dL/da(k) and the gradients of W(k) and b(k). After"
                + " the first layer comes the update, which applies the step exactly as `step`"
                + " would."),
        CommandEntry(
            "next", group: .teaching, usage: "next",
            summary: "Moves to the next stage of a stepped training step.",
            example: "next",
            help: "Goes through the forward layers, the loss, the backward layers and the"
                + " update in order."),
        CommandEntry(
            "prev", group: .teaching, usage: "prev",
            summary: "Moves back to the previous stage of a stepped training step.",
            example: "prev",
            help: "Shows an earlier stage again; nothing is recomputed."),
        CommandEntry(
            "undo", group: .teaching, usage: "undo",
            summary: "Rewinds the last training command.",
            example: "undo",
            help: "Restores the parameters, the optimizer's state, the counters and the random"
                + " generator as they were before the last step, stepped update or train"
                + " command, bit for bit. While a step is being stepped through, `undo` only"
                + " abandons that step, and a second `undo` rewinds the command before it."),
        CommandEntry(
            "explain", group: .teaching, usage: "explain PARAMETER[i,j]",
            summary: "Prints the chain rule of one weight with the real numbers.",
            arguments: [
                ArgumentInfo(
                    "PARAMETER", .text,
                    meaning: "A parameter entry such as 0.weight[1,0]: layer index, name and"
                        + " index from 0.")
            ],
            example: "explain 0.weight[1,0]",
            help: "Uses the batch the next training step would use. For a dense layer it lists"
                + " each row's factors Delta(h(k), o) * alpha'(a(k)) * h(k-1), computes Delta"
                + " recursively from the output (and lists the paths when there are few), and"
                + " compares the sum with autodiff and a central finite difference. For"
                + " convolutions and recurrent layers it sums over the positions or time steps"
                + " that share the weight."),
        CommandEntry(
            "gradcheck", group: .teaching, usage: "gradcheck",
            summary: "Checks every parameter's gradient against finite differences.",
            example: "gradcheck",
            help: "Compares autodiff with central differences on the next batch in evaluation"
                + " mode (dropout off, batch norm on running statistics), at most 64 entries per"
                + " tensor, and prints the largest absolute and relative error per tensor."
                + " An entry passes when |autodiff - numerical| <= 0.0001 + 0.002 *"
                + " max(|autodiff|, |numerical|), so a tiny gradient may pass with a large"
                + " relative error."),
        CommandEntry(
            "graph", group: .teaching, usage: "graph",
            summary: "Prints the recorded computation graph with values and gradients.",
            example: "graph",
            help: "Runs one forward and backward pass on the first rows of the next batch and"
                + " lists every recorded value in the order it was computed: its op, inputs,"
                + " value and gradient. It suits small models."),
    ]
}
