import Testing

@testable import Plot

/// Returns the problems that make `document` malformed XML: unbalanced or crossed tags, and
/// `<` or `&` that do not start a tag or an entity. An empty result means well-formed, as far
/// as the SVG that Plot writes goes (no comments, CDATA or processing instructions).
func xmlProblems(_ document: String) -> [String] {
    var problems: [String] = []
    var openTags: [String] = []
    var rest = Substring(document)
    let entities = ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"]

    func checkAmpersands(_ text: Substring) {
        var remaining = text
        while let index = remaining.firstIndex(of: "&") {
            let tail = remaining[index...]
            if !entities.contains(where: { tail.hasPrefix($0) }) {
                problems.append("bare & in \(text)")
            }
            remaining = remaining[remaining.index(after: index)...]
        }
    }

    while let start = rest.firstIndex(of: "<") {
        checkAmpersands(rest[..<start])
        guard let end = rest[start...].firstIndex(of: ">") else {
            problems.append("unterminated tag")
            break
        }
        let tag = rest[rest.index(after: start)..<end]
        if tag.contains("<") {
            problems.append("< inside tag \(tag)")
        }
        let quoted = tag.split(separator: "\"", omittingEmptySubsequences: false)
        if quoted.count % 2 == 0 {
            problems.append("unbalanced quotes in \(tag)")
        }
        for value in quoted.enumerated().filter({ $0.offset % 2 == 1 }).map(\.element) {
            checkAmpersands(value)
        }
        let name = tag.drop(while: { $0 == "/" }).prefix { $0 != " " && $0 != "/" }
        if tag.hasPrefix("/") {
            if openTags.popLast() != String(name) {
                problems.append("closing \(name) does not match")
            }
        } else if !tag.hasSuffix("/") {
            openTags.append(String(name))
        }
        rest = rest[rest.index(after: end)...]
    }
    checkAmpersands(rest)
    if !openTags.isEmpty {
        problems.append("unclosed \(openTags)")
    }
    return problems
}

/// Returns how many times `part` occurs in `text`.
func occurrences(of part: String, in text: String) -> Int {
    text.split(separator: part, omittingEmptySubsequences: false).count - 1
}

@Test func xmlCheckerFindsProblems() {
    #expect(xmlProblems("<a><b/></a>").isEmpty)
    #expect(!xmlProblems("<a><b></a>").isEmpty)
    #expect(!xmlProblems("<a>x & y</a>").isEmpty)
    #expect(!xmlProblems("<a t=\"<\"></a>").isEmpty)
}

@Test func svgEscapesSpecialCharacters() {
    #expect(
        SVGDocument.escaped("a<b & \"c\" 'd'>") == "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;")
    #expect(SVGDocument.escaped("bell\u{7}tab\t") == "bell tab\t")
    #expect(SVGDocument.escaped("猫 ⣿") == "猫 ⣿")
}

@Test func svgCoordinates() {
    #expect(SVGDocument.coordinate(12) == "12")
    #expect(SVGDocument.coordinate(12.5) == "12.5")
    #expect(SVGDocument.coordinate(1.0 / 3) == "0.33")
    #expect(SVGDocument.coordinate(-0.001) == "0")
}

@Test func svgLineChartIsWellFormed() {
    let train = LineSeries(name: "train <&>", values: [3, 2, 1.5, 1.2, 1.0, 0.9])
    let validation = LineSeries(name: "val", x: [1, 3, 5], y: [2.5, 1.6, 1.3])
    let options = SVGChart.Options(title: "Loss \"A\" & B")
    let svg = SVGChart.lineChart([train, validation], width: 320, height: 200, options: options)
    #expect(xmlProblems(svg).isEmpty)
    #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"320\" height=\"200\""))
    #expect(svg.contains(">Loss &quot;A&quot; &amp; B</text>"))
    #expect(svg.contains(">train &lt;&amp;&gt;</text>"))
    #expect(occurrences(of: "<polyline", in: svg) == 2)
    let trainPoints = "64,36 112.2,73.33 160.4,92 207.6,103.2 255.8,110.67 304,114.4"
    #expect(svg.contains("points=\"\(trainPoints)\""))
    #expect(svg.contains("<text x=\"58\" y=\"40\">3</text>"))
}

@Test func svgLineChartKeepsSpike() {
    var values = [Double](repeating: 1, count: 100_000)
    values[54_321] = 9
    let svg = SVGChart.lineChart(
        [LineSeries(name: "loss", values: values)], width: 400, height: 200)
    let frame = SVGChart.Frame(width: 400, height: 200, hasTitle: false)
    let points = svg.split(separator: "points=\"")[1].prefix { $0 != "\"" }
    let ys = points.split(separator: " ").compactMap { Double($0.split(separator: ",")[1]) }
    #expect(xmlProblems(svg).isEmpty)
    #expect(ys.count <= 4 * Int(frame.width))
    // The axis runs from 0 to 10, so the spike's 9 lies a tenth of the height below the top.
    let spikeY = frame.top + frame.height * 0.1
    #expect(abs((ys.min() ?? 0) - spikeY) < 0.01)
}

@Test func svgLineChartLogNotes() {
    let series = LineSeries(name: "loss", values: [1, 0, 10, 100, .nan])
    let options = SVGChart.Options(yAxis: .logarithmic)
    let svg = SVGChart.lineChart([series], width: 300, height: 200, options: options)
    #expect(xmlProblems(svg).isEmpty)
    #expect(svg.contains(">log y: 1 values ≤ 0 hidden</text>"))
    #expect(svg.contains(">1 NaN/inf hidden</text>"))
    #expect(occurrences(of: "<circle", in: svg) == 1)
    #expect(occurrences(of: "<polyline", in: svg) == 1)
}

@Test func svgHistogramText() {
    let bins = HistogramBins(edges: [0, 1, 2, 3], counts: [3, 7, 1], nanCount: 1)
    let svg = SVGChart.histogram(bins, width: 240, height: 160)
    let expected = """
        <svg xmlns="http://www.w3.org/2000/svg" width="240" height="160" viewBox="0 0 240 160" \
        font-family="sans-serif" font-size="12">
          <g fill="#4c78a8" stroke="white" stroke-width="0.5">
            <rect x="64" y="80.4" width="53.33" height="27.6"/>
            <rect x="117.33" y="43.6" width="53.33" height="64.4"/>
            <rect x="170.67" y="98.8" width="53.33" height="9.2"/>
          </g>
          <g stroke="#dddddd">
            <line x1="64" y1="16" x2="224" y2="16"/>
          </g>
          <g stroke="black">
            <line x1="64" y1="16" x2="64" y2="108"/>
            <line x1="64" y1="108" x2="224" y2="108"/>
          </g>
          <g text-anchor="end">
            <text x="58" y="112">0</text>
            <text x="58" y="20">10</text>
          </g>
          <g text-anchor="middle">
            <line x1="64" y1="108" x2="64" y2="112" stroke="black"/>
            <text x="64" y="126">0</text>
            <line x1="170.67" y1="108" x2="170.67" y2="112" stroke="black"/>
            <text x="170.67" y="126">2</text>
          </g>
          <g class="legend">
            <text x="64" y="148">NaN 1</text>
          </g>
        </svg>

        """
    #expect(svg == expected)
    #expect(xmlProblems(svg).isEmpty)
}

@Test func svgHistogramSkipsEmptyBins() {
    let bins = HistogramBins(edges: [-1, 0, 1, 2], counts: [4, 0, 2], positiveInfinityCount: 3)
    let svg = SVGChart.histogram(bins, width: 300, height: 200, options: .init(title: "a < b"))
    #expect(xmlProblems(svg).isEmpty)
    #expect(occurrences(of: "<rect", in: svg) == 2)
    #expect(svg.contains(">+inf 3</text>"))
    #expect(svg.contains(">a &lt; b</text>"))
}
