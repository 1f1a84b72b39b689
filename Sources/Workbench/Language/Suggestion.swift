/// "Did you mean" suggestions for mistyped words.
enum Suggestion {
    /// Returns the candidate closest to `word` when it is close enough to be a likely typo.
    ///
    /// Closeness is the edit distance ignoring case, with adjacent transpositions counted as one
    /// edit. A word of up to 4 characters may be 1 edit away, up to 8 characters 2 edits, longer
    /// words 3. When no candidate is that close, a word of at least 3 characters that begins
    /// exactly one candidate suggests it, so `opt` suggests `optimizer`. Failing that, a
    /// candidate of at least 3 characters that begins the word suggests itself when it is the
    /// only one, so PyTorch's `padding` and `kernel_size` suggest `pad` and `kernel`. Ties go to
    /// the candidate listed first.
    static func closest(to word: String, among candidates: [String]) -> String? {
        let typed = Array(word.lowercased())
        guard !typed.isEmpty else { return nil }

        let maximumDistance = typed.count <= 4 ? 1 : (typed.count <= 8 ? 2 : 3)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(typed, Array(candidate.lowercased()))
            if distance <= maximumDistance, distance < best?.distance ?? Int.max {
                best = (candidate, distance)
            }
        }
        if let best {
            return best.candidate
        }

        guard typed.count >= 3 else { return nil }
        let prefixMatches = candidates.filter { $0.lowercased().hasPrefix(String(typed)) }
        if prefixMatches.count == 1 { return prefixMatches[0] }

        let stems = candidates.filter { $0.count >= 3 && String(typed).hasPrefix($0.lowercased()) }
        return stems.count == 1 ? stems[0] : nil
    }

    /// Returns the optimal string alignment distance between `a` and `b`: the number of
    /// insertions, deletions, substitutions and adjacent transpositions that turn `a` into `b`,
    /// where no substring is edited twice.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }

        // d[i][j] is the distance between the first i characters of a and the first j of b.
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }

        for i in 1...a.count {
            for j in 1...b.count {
                let substitution = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + substitution)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
