import Foundation

enum FixturePaths {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let suite = fixtures.appendingPathComponent("yaml-test-suite")
}
