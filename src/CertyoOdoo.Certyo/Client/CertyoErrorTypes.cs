namespace CertyoOdoo.Certyo.Client;

/// <summary>Certyo refused the record(s) as invalid (400). Not retried.</summary>
public sealed class CertyoValidationException : CertyoException
{
    public CertyoValidationException() { }
    public CertyoValidationException(string message) : base(message) { }
    public CertyoValidationException(string message, Exception? inner) : base(message, inner) { }
}

/// <summary>Certyo refused the API key (401 or 403). Not retried.</summary>
public sealed class CertyoAuthenticationException : CertyoException
{
    public CertyoAuthenticationException() { }
    public CertyoAuthenticationException(string message) : base(message) { }
    public CertyoAuthenticationException(string message, Exception? inner) : base(message, inner) { }
}

/// <summary>An idempotency key was already used for a different record (409). Not retried.</summary>
public sealed class CertyoConflictException : CertyoException
{
    public CertyoConflictException() { }
    public CertyoConflictException(string message) : base(message) { }
    public CertyoConflictException(string message, Exception? inner) : base(message, inner) { }
}

/// <summary>The record or the bulk body is over Certyo's size limit (413). Not retried.</summary>
public sealed class CertyoPayloadTooLargeException : CertyoException
{
    public CertyoPayloadTooLargeException() { }
    public CertyoPayloadTooLargeException(string message) : base(message) { }
    public CertyoPayloadTooLargeException(string message, Exception? inner) : base(message, inner) { }
}

/// <summary>
/// Retries were exhausted (408, 429, 5xx, timeouts, connection failures) or the time budget ran out:
/// the caller may try again later with the same idempotency keys.
/// </summary>
public sealed class CertyoTransientException : CertyoException
{
    public CertyoTransientException() { }
    public CertyoTransientException(string message) : base(message) { }
    public CertyoTransientException(string message, Exception? inner) : base(message, inner) { }
}
