import Datasets
import Engine
import Testing

@Suite struct CSVDatasetTests {
    let directory: FixtureDirectory

    init() throws {
        directory = try FixtureDirectory()
    }

    @Test func numericFeaturesAndLastLabel() throws {
        let path = try directory.write("small.csv", "length,width,label\n1.5,2,0\n-3,4e1,1\n")
        let dataset = try CSVDataset.load(path: path)
        #expect(dataset.name == "small.csv")
        #expect(dataset.features.shape == [2, 2])
        #expect(dataset.features.scalars == [1.5, 2, -3, 40])
        #expect(dataset.featureNames == ["length", "width"])
        #expect(dataset.task == .classification)
        #expect(dataset.targets.classIndices == [0, 1])
        #expect(dataset.classNames == ["0", "1"])
    }

    @Test func spacesAroundNumbersAccepted() throws {
        let path = try directory.write("spaces.csv", "a,b,label\n 1.5 ,\t2,0\n")
        let dataset = try CSVDataset.load(path: path)
        #expect(dataset.features.scalars == [1.5, 2])
    }

    @Test func stringLabelsSortedAlphabetically() throws {
        let text = "x,species\n1,virginica\n2,setosa\n3,versicolor\n4,setosa\n"
        let path = try directory.write("flowers.csv", text)
        let dataset = try CSVDataset.load(path: path)
        #expect(dataset.task == .classification)
        #expect(dataset.classNames == ["setosa", "versicolor", "virginica"])
        #expect(dataset.targets.classIndices == [2, 0, 1, 0])
        #expect(dataset.classCounts == [2, 1, 1])
    }

    @Test func integerLabelsSortedNumerically() throws {
        let path = try directory.write("ints.csv", "x,label\n1,10\n2,9\n3,2\n4,10\n")
        let dataset = try CSVDataset.load(path: path)
        #expect(dataset.classNames == ["2", "9", "10"])
        #expect(dataset.targets.classIndices == [2, 1, 0, 2])
    }

    @Test func equalNumericLabelsShareClass() throws {
        let path = try directory.write("same.csv", "x,label\n1,1\n2,1.0\n3,01\n4,2\n")
        let dataset = try CSVDataset.load(path: path)
        #expect(dataset.classNames == ["1", "2"])
        #expect(dataset.targets.classIndices == [0, 0, 0, 1])
    }

    @Test func labelByNameInMiddle() throws {
        let text = "a,kind,b\n1,cat,2\n3,dog,4\n"
        let path = try directory.write("middle.csv", text)
        let dataset = try CSVDataset.load(path: path, label: .name("kind"))
        #expect(dataset.featureNames == ["a", "b"])
        #expect(dataset.features.scalars == [1, 2, 3, 4])
        #expect(dataset.classNames == ["cat", "dog"])
    }

    @Test func labelByIndex() throws {
        let text = "kind,a,b\ncat,1,2\ndog,3,4\n"
        let path = try directory.write("first.csv", text)
        let dataset = try CSVDataset.load(path: path, label: .index(0))
        #expect(dataset.featureNames == ["a", "b"])
        #expect(dataset.features.scalars == [1, 2, 3, 4])
        #expect(dataset.targets.classIndices == [0, 1])
    }

    @Test func unknownLabelNameListsHeader() throws {
        let path = try directory.write("names.csv", "a,b,label\n1,2,3\n")
        let error = #expect(throws: DatasetError.self) {
            try CSVDataset.load(path: path, label: .name("species"))
        }
        #expect(
            error == .unknownLabelColumn(path: path, name: "species", header: ["a", "b", "label"]))
        #expect(
            error?.description == "\(path):1: no column is named 'species'; choose one of "
                + "'a', 'b', 'label' or give the column's zero-based index")
    }

    @Test func labelIndexOutOfRangeRejected() throws {
        let path = try directory.write("index.csv", "a,b\n1,2\n")
        let error = #expect(throws: DatasetError.self) {
            try CSVDataset.load(path: path, label: .index(2))
        }
        #expect(error == .labelIndexOutOfRange(path: path, index: 2, header: ["a", "b"]))
    }

    @Test func missingFeatureValueNamesPlace() throws {
        let path = try directory.write("gap.csv", "length,width,label\n1,2,0\n3,,1\n")
        let error = #expect(throws: DatasetError.self) { try CSVDataset.load(path: path) }
        #expect(error == .missingValue(path: path, line: 3, column: 2, columnName: "width"))
        #expect(
            error?.description
                == "\(path):3:2: missing value in column 'width'; fill it in or delete the row")
    }

    @Test func nonNumericFeatureNamesPlaceAndFix() throws {
        let path = try directory.write("text.csv", "length,width,label\n1,2,0\n3,abc,1\n")
        let error = #expect(throws: DatasetError.self) { try CSVDataset.load(path: path) }
        #expect(
            error
                == .nonNumericValue(
                    path: path, line: 3, column: 2, columnName: "width", value: "abc"))
        #expect(
            error?.description
                == "\(path):3:2: 'abc' is not a number in column 'width'; fix the value or "
                + "choose it as the label column with label=width")
    }

    @Test func nonNumericLineCountsQuotedNewline() throws {
        let text = "x,note\n1,\"two\nlines\"\noops,b\n"
        let path = try directory.write("notes.csv", text)
        let error = #expect(throws: DatasetError.self) { try CSVDataset.load(path: path) }
        #expect(
            error
                == .nonNumericValue(path: path, line: 4, column: 1, columnName: "x", value: "oops"))
    }

    @Test func nonFiniteFeatureRejected() throws {
        for value in ["nan", "inf", "1e39"] {
            let path = try directory.write("inf.csv", "a,label\n\(value),0\n")
            let error = #expect(throws: DatasetError.self) { try CSVDataset.load(path: path) }
            let expected = DatasetError.nonNumericValue(
                path: path, line: 2, column: 1, columnName: "a", value: value)
            #expect(error == expected)
        }
    }

    @Test func nonFiniteMessageSaysFloat32() throws {
        let path = try directory.write("big.csv", "a,label\n1e39,0\n")
        let error = #expect(throws: DatasetError.self) { try CSVDataset.load(path: path) }
        #expect(error?.description.contains("'1e39' is not a finite Float32 number") == true)
    }

    @Test func missingLabelRejected() throws {
        let path = try directory.write("nolabel.csv", "a,label\n1,0\n2, \n")
        let error = #expect(throws: DatasetError.self) { try CSVDataset.load(path: path) }
        #expect(error == .missingValue(path: path, line: 3, column: 2, columnName: "label"))
    }

    @Test func labelOnlyFileRejected() throws {
        let path = try directory.write("one.csv", "label\n1\n")
        let error = #expect(throws: DatasetError.self) { try CSVDataset.load(path: path) }
        #expect(error == .missingFeatureColumns(path: path, header: ["label"]))
    }

    @Test func semicolonSeparatorIsNamed() throws {
        let path = try directory.write("semi.csv", "a;b;label\n1;2;0\n3;4;1\n")
        let error = #expect(throws: DatasetError.self) { try CSVDataset.load(path: path) }
        let message = try #require(error).description
        #expect(message.hasPrefix("\(path):1: the only column is 'a;b;label'"))
        #expect(message.contains("separates fields with commas and this header uses semicolons"))
        let named = #expect(throws: DatasetError.self) {
            try CSVDataset.load(path: path, label: .name("label"))
        }
        #expect(try #require(named).description.contains("this header uses semicolons"))
    }

    @Test func tabSeparatorIsNamed() throws {
        let path = try directory.write("tabs.csv", "a\tlabel\n1\t0\n")
        let error = #expect(throws: DatasetError.self) { try CSVDataset.load(path: path) }
        #expect(try #require(error).description.contains("this header uses tabs"))
    }

    @Test func headerOnlyFileRejected() throws {
        let path = try directory.write("header.csv", "a,label\n")
        let error = #expect(throws: DatasetError.self) { try CSVDataset.load(path: path) }
        #expect(error == .missingDataRows(path: path))
    }

    @Test func fractionalLabelsInferRegression() throws {
        let path = try directory.write("float.csv", "x,y\n1,0.5\n2,1.25\n3,2\n")
        let dataset = try CSVDataset.load(path: path)
        #expect(dataset.task == .regression)
        #expect(dataset.targets.values?.shape == [3, 1])
        #expect(dataset.targets.values?.scalars == [0.5, 1.25, 2])
        #expect(dataset.classNames.isEmpty)
    }

    @Test func manyIntegerLabelsInferRegression() throws {
        let count = CSVDataset.maximumInferredClassCount + 1
        let rows = (0..<count).map { "\($0),\($0 * 10)" }.joined(separator: "\n")
        let path = try directory.write("years.csv", "x,y\n" + rows + "\n")
        let dataset = try CSVDataset.load(path: path)
        #expect(dataset.task == .regression)
    }

    @Test func twentyIntegerLabelsInferClassification() throws {
        let count = CSVDataset.maximumInferredClassCount
        let rows = (0..<count).map { "\($0),\($0)" }.joined(separator: "\n")
        let path = try directory.write("classes.csv", "x,y\n" + rows + "\n")
        let dataset = try CSVDataset.load(path: path)
        #expect(dataset.task == .classification)
        #expect(dataset.classNames.count == 20)
    }

    @Test func regressionOverridesIntegerLabels() throws {
        let path = try directory.write("ints.csv", "x,y\n1,3\n2,5\n")
        let dataset = try CSVDataset.load(path: path, task: .regression)
        #expect(dataset.task == .regression)
        #expect(dataset.targets.values?.scalars == [3, 5])
    }

    @Test func classificationOverridesFractionalLabels() throws {
        let path = try directory.write("halves.csv", "x,y\n1,1.5\n2,0.5\n3,1.5\n")
        let dataset = try CSVDataset.load(path: path, task: .classification)
        #expect(dataset.classNames == ["0.5", "1.5"])
        #expect(dataset.targets.classIndices == [1, 0, 1])
    }

    @Test func regressionRejectsStringLabel() throws {
        let path = try directory.write("species.csv", "x,species\n1,2.5\n2,setosa\n")
        let error = #expect(throws: DatasetError.self) {
            try CSVDataset.load(path: path, task: .regression)
        }
        #expect(
            error
                == .nonNumericLabel(
                    path: path, line: 3, column: 2, columnName: "species", value: "setosa"))
        #expect(error?.description.hasSuffix("use task=classification") == true)
    }
}
