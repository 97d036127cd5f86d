namespace Luoshi.Parsing.Text;

/// <summary>
/// A growable run of characters that is cleared and filled again many times (one item after another), so that
/// its array is made a few times per parse rather than once per item. Not thread-safe; one owner at a time.
/// </summary>
internal sealed class CharBuffer
{
    private char[] _chars = new char[256];

    public int Length { get; private set; }

    public ReadOnlySpan<char> Span => _chars.AsSpan(0, Length);

    public void Clear() => Length = 0;

    public void Append(char c)
    {
        Reserve(1);
        _chars[Length++] = c;
    }

    public void Append(ReadOnlySpan<char> s)
    {
        Reserve(s.Length);
        s.CopyTo(_chars.AsSpan(Length));
        Length += s.Length;
    }

    public override string ToString() => new(Span);

    private void Reserve(int more)
    {
        if (Length + more > _chars.Length)
        {
            Array.Resize(ref _chars, Math.Max(_chars.Length * 2, Length + more));
        }
    }
}
