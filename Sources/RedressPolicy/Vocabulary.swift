/// The fixed vocabularies of the input contract (docs/input-output.md) and the shared service
/// list every bundled policy recognises. A policy may add services of its own.
public enum Vocabulary {
    public static let feedbackTypes = ["complaint", "compliment", "comment", "suggestion"]
    public static let channels = ["web", "email", "phone", "letter", "in-person", "social-media"]
    public static let makers = ["customer", "representative", "mp", "councillor"]
    public static let nations = ["england", "wales", "scotland", "northern-ireland"]

    /// Services every bundled policy recognises (issue 7's shared vocabulary).
    public static let sharedServices = [
        "adult-social-care", "childrens-social-care", "send", "schools", "planning", "parking", "council-tax",
        "benefits", "housing", "waste", "highways", "libraries", "councillor-conduct", "other",
    ]

    /// The routes a parallel complaint can take (behaviour signals and contact records).
    public static let parallelRoutes = ["mp", "councillor", "ombudsman", "chief-executive", "solicitor", "police"]

    /// What a timescale can run from.
    public static let anchors = ["receipt", "acknowledgement", "escalation", "agreed-record", "response"]

    /// The ombudsmen a procedure can end with.
    public static let ombudsmen: [String: String] = [
        "lgsco": "Local Government and Social Care Ombudsman",
        "housing-ombudsman": "Housing Ombudsman",
    ]
}
