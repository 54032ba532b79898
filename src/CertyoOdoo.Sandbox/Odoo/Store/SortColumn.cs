using System.Globalization;
using CertyoOdoo.Sandbox.Odoo.Schema;

namespace CertyoOdoo.Sandbox.Odoo.Store;

/// <summary>One sort key's values for a set of rows, typed, with PostgreSQL's null placement.</summary>
internal sealed class SortColumn
{
    private readonly double[]? _numbers;
    private readonly string?[]? _texts;
    private readonly bool[] _null;
    private readonly bool _descending;

    private SortColumn(int count, bool numeric, bool descending)
    {
        _null = new bool[count];
        _descending = descending;
        if (numeric)
        {
            _numbers = new double[count];
        }
        else
        {
            _texts = new string?[count];
        }
    }

    public static SortColumn Build(OdooStore store, ModelTable table, List<int> ids, FieldSchema field, bool descending)
    {
        var numeric = field.Type is "integer" or "float" or "monetary" or "many2one" or "date" or "datetime" or "boolean";
        var column = new SortColumn(ids.Count, numeric, descending);
        for (var i = 0; i < ids.Count; i++)
        {
            var raw = store.Raw(table, ids[i], field);
            if (raw is null)
            {
                column._null[i] = true;
            }
            else if (numeric)
            {
                column._numbers![i] = raw switch
                {
                    DateTime dt => dt.Ticks,
                    bool b => b ? 1 : 0,
                    _ => Convert.ToDouble(raw, CultureInfo.InvariantCulture),
                };
            }
            else
            {
                column._texts![i] = raw.ToString();
            }
        }

        return column;
    }

    /// <summary>Ascending puts nulls last, descending first (PostgreSQL's defaults).</summary>
    public int Compare(int x, int y)
    {
        var (nx, ny) = (_null[x], _null[y]);
        int c;
        if (nx || ny)
        {
            c = nx == ny ? 0 : nx ? 1 : -1;
        }
        else
        {
            c = _numbers is not null ? _numbers[x].CompareTo(_numbers[y]) : string.CompareOrdinal(_texts![x], _texts[y]);
        }

        return _descending ? -c : c;
    }
}
