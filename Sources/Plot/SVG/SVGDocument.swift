/// A minimal SVG writer: elements with escaped attributes and text, appended in order.
struct SVGDocument {
    private(set) var body: [String] = []
    private var openElements: [String] = []

    /// Appends an element without children, such as `<line …/>`.
    mutating func element(_ name: String, _ attributes: [(String, String)]) {
        body.append(indentation + "<\(name)\(SVGDocument.attributeText(attributes))/>")
    }

    /// Appends an element that contains only text, such as `<text …>label</text>`.
    mutating func text(_ content: String, _ attributes: [(String, String)]) {
        let escaped = SVGDocument.escaped(content)
        body.append(
            indentation + "<text\(SVGDocument.attributeText(attributes))>\(escaped)</text>")
    }

    /// Opens an element whose children follow until the matching `close()`.
    mutating func open(_ name: String, _ attributes: [(String, String)] = []) {
        body.append(indentation + "<\(name)\(SVGDocument.attributeText(attributes))>")
        openElements.append(name)
    }

    /// Closes the element opened last.
    mutating func close() {
        let name = openElements.removeLast()
        body.append(indentation + "</\(name)>")
    }

    /// Returns the complete document: a root `svg` element of the given pixel size containing
    /// everything appended, with any elements still open closed.
    func rendered(width: Int, height: Int) -> String {
        var document = self
        while !document.openElements.isEmpty {
            document.close()
        }
        let root = SVGDocument.attributeText([
            ("xmlns", "http://www.w3.org/2000/svg"),
            ("width", String(width)), ("height", String(height)),
            ("viewBox", "0 0 \(width) \(height)"),
            ("font-family", "sans-serif"), ("font-size", "12"),
        ])
        let lines = ["<svg\(root)>"] + document.body + ["</svg>"]
        return lines.joined(separator: "\n") + "\n"
    }

    private var indentation: String {
        String(repeating: "  ", count: openElements.count + 1)
    }

    /// Returns text safe inside an XML element or a double-quoted attribute.
    ///
    /// The five XML special characters become entities. Control characters other than tab,
    /// line feed and carriage return are not allowed in XML 1.0, so they become spaces.
    static func escaped(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                let isControl =
                    scalar.value < 0x20 || scalar.value == 0xFFFE
                    || scalar.value == 0xFFFF
                result.unicodeScalars.append(isControl ? " " : scalar)
            }
        }
        return result
    }

    /// Returns a pixel coordinate with at most two decimals: `12`, `12.5`, `12.25`.
    static func coordinate(_ value: Double) -> String {
        trimmed(NumberFormat.fixed(value, decimals: 2))
    }

    private static func trimmed(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var result = text
        while result.last == "0" {
            result.removeLast()
        }
        if result.last == "." {
            result.removeLast()
        }
        return result == "-0" ? "0" : result
    }

    private static func attributeText(_ attributes: [(String, String)]) -> String {
        attributes.map { " \($0.0)=\"\(escaped($0.1))\"" }.joined()
    }
}
