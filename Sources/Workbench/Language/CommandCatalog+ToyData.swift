// Catalog text is ASCII only, so help reads the same when the locale is not UTF-8.
extension CommandCatalog {
    /// The maximum number of points of a generated set. A larger count is almost certainly a
    /// typing slip, and would take long to generate and longer to train on.
    static let maximumToyDataCount = 1_000_000

    /// The entries of the generated two-feature sets, `data spiral` to `data plane`.
    static let toyDataEntries: [CommandEntry] = [
        toyDataEntry(
            .spiral, classes: true,
            summary: "Generates interleaved spiral arms, one per class.",
            formula: "Arm k of K starts k/K of a turn after the first and makes 0.75 of a turn"
                + " from the centre out to radius 1. Point j of the n points of arm k is\n"
                + "    t = (j + 0.5) / n\n"
                + "    angle = 2*pi * (0.75 * t + k/K)\n"
                + "    (x1, x2) = t * (cos(angle), sin(angle)) + noise\n"
                + "Neighbouring arms are 1/(0.75 K) apart in radius, 0.67 for two arms. No"
                + " straight line separates them, so the network needs hidden units.",
            example: "data spiral 400 noise=0.1 test=0.2"),
        toyDataEntry(
            .circle,
            summary: "Generates a disc of one class inside a ring of the other.",
            formula: "Class inner fills the disc of radius 0.5 and class outer the ring from"
                + " radius 0.7 to 1, both uniformly by area:\n"
                + "    r = sqrt(r0^2 + (r1^2 - r0^2) * u),  angle = 2*pi * v,  u, v in [0, 1)\n"
                + "    (x1, x2) = r * (cos(angle), sin(angle)) + noise\n"
                + "The gap between disc and ring is 0.2 wide, so noise above 0.1 makes the"
                + " classes overlap.",
            example: "data circle 400 noise=0.05"),
        toyDataEntry(
            .xor,
            summary: "Generates the four quadrants, labelled by whether the signs differ.",
            formula: "Class 0 fills the quadrants where x1 and x2 have the same sign, class 1"
                + " those where they differ, a quarter of the points each. Without noise,"
                + " 0.1 <= |x1|, |x2| < 1, which leaves a margin along both axes. No single"
                + " straight line separates the classes.",
            example: "data xor 200 noise=0.05"),
        toyDataEntry(
            .gaussian, classes: true, noiseDefault: "0.3",
            summary: "Generates Gaussian blobs, one per class.",
            formula: "Blob c of K is centred at distance 0.71 from the origin, at angle"
                + " pi/4 + 2*pi * c/K, so two blobs sit at (0.5, 0.5) and (-0.5, -0.5), where"
                + " a straight line separates them. Each blob's standard deviation is the"
                + " noise: noise=0 puts every point on its centre, and noise near 0.5 makes"
                + " two blobs overlap.",
            example: "data gaussian 200 noise=0.5"),
        toyDataEntry(
            .moons,
            summary: "Generates two interleaving half circles, one per class.",
            formula: "Point j of the n points of each moon is\n"
                + "    angle = pi * (j + 0.5) / n\n"
                + "    upper: (x1, x2) = (cos(angle) - 0.5, sin(angle) - 0.25) + noise\n"
                + "    lower: (x1, x2) = (0.5 - cos(angle), 0.25 - sin(angle)) + noise\n"
                + "Without noise, -1.5 <= x1 <= 1.5 and -0.75 <= x2 <= 0.75, and the moons"
                + " come within 0.5 of each other, so noise above 0.2 makes them overlap.",
            example: "data moons 300 noise=0.15"),
        toyDataEntry(
            .plane,
            summary: "Generates a regression target that is a tilted plane.",
            formula: "The features x1 and x2 are uniform in [-1, 1), and the target is\n"
                + "    y = 2 * x1 - 1 * x2 + noise\n"
                + "so y lies between -3 and 3 without noise. The noise goes to y, not to"
                + " the features, so no model can expect a mean squared error below noise^2. One"
                + " linear unit (dense 1) can fit it.",
            example: "data plane 200 noise=0.1"),
    ]

    /// Returns the entry of one generated set, with the options and help text that all of
    /// them share.
    private static func toyDataEntry(
        _ kind: ToyDataKind, classes hasClasses: Bool = false, noiseDefault: String = "0.1",
        summary: String, formula: String, example: String
    ) -> CommandEntry {
        let name = "data " + kind.rawValue
        let isClassification = kind != .plane
        let noiseMeaning: String
        switch kind {
        case .plane:
            noiseMeaning = "Standard deviation of the Gaussian noise added to the target y."
        case .gaussian:
            noiseMeaning = "Standard deviation of each blob in each coordinate, which is the"
                + " Gaussian noise added to the blob's centre."
        default:
            noiseMeaning = "Standard deviation of the Gaussian noise added to each coordinate."
        }

        var usage = name + " N [noise=X] [test=FRACTION] [standardize=yes|no]"
        var options = [
            OptionInfo(
                "noise", .number, default: noiseDefault,
                meaning: noiseMeaning + " It is in the units of the data, and at least 0."),
            OptionInfo(
                "test", .number, syntax: "FRACTION", default: "0.2",
                meaning: "Fraction of the points held out as the test set, from 0 up to but not"
                    + " including 1." + (isClassification ? " Each class keeps its share." : "")),
            OptionInfo(
                "standardize", .yesNo, default: "no",
                meaning: "Whether each feature is scaled to mean 0 and standard deviation 1"
                    + " with the statistics of the training rows. The set is already centred"
                    + " on the origin at a scale of about 1, so by default the points keep the"
                    + " coordinates of the formula."),
        ]
        if hasClasses {
            usage += " [classes=K]"
            options.append(
                OptionInfo(
                    "classes", .integer, syntax: "K", default: "2",
                    meaning: "The number of classes, from 2 up to half of N."))
        }

        var countMeaning = "The number of points, from 4 to \(maximumToyDataCount)."
        if isClassification {
            countMeaning += " The classes get equal shares, give or take one point."
        }
        let shared =
            " The points come from the session's random generator, so a seed command"
            + " before this line makes them repeatable. The test rows are then split off as"
            + " data load does, and the set replaces the loaded data."
        return CommandEntry(
            name, group: .data, usage: usage, summary: summary,
            arguments: [ArgumentInfo("N", .integer, meaning: countMeaning)],
            options: options, example: example, help: formula + shared)
    }
}
