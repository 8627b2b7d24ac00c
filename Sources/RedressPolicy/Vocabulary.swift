/// The closed sets of the policy format itself. The words councils may extend — feedback types,
/// channels, `made_by`, services, ombudsmen — are data: `PolicyVocabulary`, read from the library's
/// `vocabulary.yaml` and a policy's `vocabulary:`.
public enum Vocabulary {
    public static let nations = ["england", "wales", "scotland", "northern-ireland"]

    /// The routes a parallel complaint can take (behaviour signals and contact records).
    public static let parallelRoutes = ["mp", "councillor", "ombudsman", "chief-executive", "solicitor", "police"]

    /// The services under the social care complaints statutes wherever a council provides them.
    public static let socialCareServices = ["adult-social-care", "childrens-social-care"]

    /// What a timescale can run from.
    public static let anchors = ["receipt", "acknowledgement", "escalation", "agreed-record", "response"]
}
