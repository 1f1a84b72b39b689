import Engine

extension LayerSpec {
    /// Returns the layer spec of a recurrent layer command.
    static func recurrent(_ options: RecurrentOptions) -> LayerSpec {
        switch options.cell {
        case .rnn: .rnn(units: options.units, returnSequences: options.returnSequences)
        case .lstm: .lstm(units: options.units, returnSequences: options.returnSequences)
        case .gru(let form):
            .gru(
                units: options.units, form: form == .chapter ? .chapter : .pytorch,
                returnSequences: options.returnSequences)
        }
    }

    /// Builds an RNN, LSTM or GRU for a per-sample input `[steps, features]`.
    ///
    /// An input of another rank gives a layer for one feature per step, whose shape check then
    /// fails with the fix in its message.
    func makeRecurrentLayer(inputShape: [Int], random: inout RandomGenerator) -> any Layer {
        let features = inputShape.count == 2 ? inputShape[1] : 1
        switch self {
        case .rnn(let units, let sequences):
            return RNN(
                inputSize: features, hiddenSize: units, returnSequences: sequences,
                random: &random)
        case .lstm(let units, let sequences):
            return LSTM(
                inputSize: features, hiddenSize: units, returnSequences: sequences,
                random: &random)
        case .gru(let units, let form, let sequences):
            return GRU(
                inputSize: features, hiddenSize: units, returnSequences: sequences, form: form,
                random: &random)
        default:
            preconditionFailure("\(self) is not a recurrent layer")
        }
    }

    /// Whether the layer is an RNN, LSTM or GRU.
    var isRecurrent: Bool {
        switch self {
        case .rnn, .lstm, .gru: true
        default: false
        }
    }

    /// The command that adds this recurrent layer with every option written out, such as
    /// `gru 32 form=pytorch sequences=yes`.
    var recurrentCommand: String {
        let sequences: Bool
        let command: String
        switch self {
        case .rnn(let units, let returnSequences):
            (command, sequences) = ("rnn \(units)", returnSequences)
        case .lstm(let units, let returnSequences):
            (command, sequences) = ("lstm \(units)", returnSequences)
        case .gru(let units, let form, let returnSequences):
            (command, sequences) = ("gru \(units) form=\(form.rawValue)", returnSequences)
        default:
            preconditionFailure("\(self) is not a recurrent layer")
        }
        return command + (sequences ? " sequences=yes" : " sequences=no")
    }

    /// Returns this recurrent layer with every hidden state as its output, and any other layer
    /// unchanged.
    func returningSequences() -> LayerSpec {
        switch self {
        case .rnn(let units, _): .rnn(units: units, returnSequences: true)
        case .lstm(let units, _): .lstm(units: units, returnSequences: true)
        case .gru(let units, let form, _): .gru(units: units, form: form, returnSequences: true)
        default: self
        }
    }
}
