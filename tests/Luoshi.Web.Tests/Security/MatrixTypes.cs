namespace Luoshi.Web.Tests.Security;

/// <summary>Who asks: one demo account per role, all of Jiang'an and, for the unit roles, of its 区发展和改革局.</summary>
public enum Caller
{
    Anonymous,
    Admin,
    SecurityAdmin,
    AuditAdmin,
    CityViewer,
    Office,
    Leader,
    UnitHead,
    Clerk,
}

/// <summary>Whose data the request names, seen from the callers (Jiang'an, 区发展和改革局).</summary>
public enum Scope
{
    /// <summary>The route names nothing (a list, a form, the caller's own account).</summary>
    None,

    /// <summary>Jiang'an; its 区发展和改革局; an item that unit is on; a Jiang'an import draft.</summary>
    Own,

    /// <summary>Jiang'an; its 区商务局; an item 区商务局 is on and 区发展和改革局 is not.</summary>
    OtherUnit,

    /// <summary>Hongshan; its own 区发展和改革局 (same name, other id); a Hongshan item and draft.</summary>
    OtherDistrict,

    /// <summary>Jiang'an's code with a Hongshan id: an id guessed into the caller's own district's URL.</summary>
    Forged,
}

/// <summary>The outcome a cell of the matrix expects.</summary>
public enum Expect
{
    /// <summary>The request is served (200, or the row's redirect) and, for reads, the target's data is on it.</summary>
    Allow,

    /// <summary>The request is served (a list, a search) but the target's data is not on it.</summary>
    Filtered,

    /// <summary>404 or 403 (or, for a page, the redirect to /Account/Denied), and none of the target's data.</summary>
    Deny,

    /// <summary>Anonymous: a page redirects to /Account/Login, an /api endpoint answers 401.</summary>
    SignIn,
}

/// <summary>Which of the target's texts an allowed read must show and a denied or filtered one must not.</summary>
public enum Shows
{
    Nothing,
    DistrictName,
    DocNumber,
    ItemText,
    DraftFile,
    OrderSubject,
}
