using System.Globalization;
using System.Text;

namespace PeiTracker.Domain.Formulas;

/// <summary>
/// The método de cálculo of a ficha técnica as an expression over named variables: numbers, variables,
/// + − × ÷ (also * and /), unary minus and parentheses, nothing else. It is parsed into a tree and
/// evaluated in <see cref="decimal"/>; there is no way to call code. A value that cannot be computed
/// (a missing variable, a division by zero, an overflow) is an answer with its reason, never an exception.
/// </summary>
public sealed class Formula
{
    public const int MaxLength = 200;
    public const int MaxDepth = 20;
    public const int MaxVariables = 12;

    private readonly Node root;

    private Formula(Node root, IReadOnlyList<string> variables)
    {
        this.root = root;
        Variables = variables;
    }

    /// <summary>The variables in the order they first appear, e.g. ["A", "B"] for "A / B × 100".</summary>
    public IReadOnlyList<string> Variables { get; }

    /// <summary>The formula written back the way the ficha shows it: "A / B × 100".</summary>
    public string Text => root.Write(null, Precedence.None);

    /// <summary>The starting formula of a percentage indicator: numerador over denominador, times 100.</summary>
    public static Formula Percentage { get; } = Parse("A / B * 100").Formula!;

    /// <summary>The starting formula of every other indicator: one variable, the value itself.</summary>
    public static Formula Identity { get; } = Parse("V").Formula!;

    public static FormulaParse Parse(string? text) => Parser.Run(text ?? "");

    /// <summary>
    /// Computes the formula from the variables' values (a variable with no value, or absent, makes it "no
    /// calculable"). The result is rounded to <paramref name="decimals"/> decimals: by default six, the precision values
    /// are stored with.
    /// </summary>
    public FormulaEvaluation Evaluate(IReadOnlyDictionary<string, decimal?> values, int decimals = 6)
    {
        var missing = Variables.Where(v => !values.TryGetValue(v, out var value) || value is null).ToList();
        if (missing.Count > 0)
        {
            return FormulaEvaluation.NotComputable(missing.Count == 1
                ? $"No calculable: falta el valor de la variable {missing[0]}."
                : $"No calculable: faltan los valores de las variables {string.Join(", ", missing)}.");
        }

        var known = values.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value!.Value);
        var substitution = root.Write(known, Precedence.None);
        try
        {
            var result = root.Evaluate(known);
            if (result.Error is { } error)
            {
                return FormulaEvaluation.NotComputable(error);
            }

            var rounded = Math.Round(result.Value, Math.Clamp(decimals, 0, 6), MidpointRounding.AwayFromZero);
            if (Math.Abs(rounded) >= 1_000_000_000_000m)
            {
                return FormulaEvaluation.NotComputable(TooLarge);
            }

            return FormulaEvaluation.Computed(rounded, $"= {substitution} = {Number(rounded)}");
        }
        catch (OverflowException)
        {
            return FormulaEvaluation.NotComputable(TooLarge);
        }
    }

    private const string TooLarge = "No calculable: el resultado es demasiado grande.";

    internal static string Number(decimal value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    private enum Precedence { None = 0, Sum = 1, Product = 2, Unary = 3 }

    private readonly record struct Outcome(decimal Value, string? Error)
    {
        public static Outcome Of(decimal value) => new(value, null);
        public static Outcome Fail(string error) => new(0m, error);
    }

    private abstract record Node
    {
        public abstract Outcome Evaluate(IReadOnlyDictionary<string, decimal> values);

        /// <summary>Writes the node, with the variables' values substituted when given; parentheses only where needed.</summary>
        public abstract string Write(IReadOnlyDictionary<string, decimal>? values, Precedence outer);
    }

    private sealed record NumberNode(decimal Value) : Node
    {
        public override Outcome Evaluate(IReadOnlyDictionary<string, decimal> values) => Outcome.Of(Value);
        public override string Write(IReadOnlyDictionary<string, decimal>? values, Precedence outer) => Number(Value);
    }

    private sealed record VariableNode(string Name) : Node
    {
        public override Outcome Evaluate(IReadOnlyDictionary<string, decimal> values) => Outcome.Of(values[Name]);

        public override string Write(IReadOnlyDictionary<string, decimal>? values, Precedence outer)
        {
            if (values is null)
            {
                return Name;
            }

            var value = values[Name];
            return value < 0 && outer > Precedence.Sum ? $"({Number(value)})" : Number(value);
        }
    }

    private sealed record NegateNode(Node Operand) : Node
    {
        public override Outcome Evaluate(IReadOnlyDictionary<string, decimal> values)
        {
            var operand = Operand.Evaluate(values);
            return operand.Error is null ? Outcome.Of(-operand.Value) : operand;
        }

        public override string Write(IReadOnlyDictionary<string, decimal>? values, Precedence outer)
        {
            var text = "−" + Operand.Write(values, Precedence.Unary);
            return outer > Precedence.Sum ? $"({text})" : text;
        }
    }

    private sealed record BinaryNode(char Operator, Node Left, Node Right) : Node
    {
        private Precedence Level => Operator is '+' or '-' ? Precedence.Sum : Precedence.Product;

        public override Outcome Evaluate(IReadOnlyDictionary<string, decimal> values)
        {
            var left = Left.Evaluate(values);
            if (left.Error is not null)
            {
                return left;
            }

            var right = Right.Evaluate(values);
            if (right.Error is not null)
            {
                return right;
            }

            return Operator switch
            {
                '+' => Outcome.Of(left.Value + right.Value),
                '-' => Outcome.Of(left.Value - right.Value),
                '*' => Outcome.Of(left.Value * right.Value),
                _ when right.Value == 0m => Outcome.Fail($"No calculable: división por cero ({Right.Write(null, Precedence.None)} vale 0)."),
                _ => Outcome.Of(left.Value / right.Value),
            };
        }

        public override string Write(IReadOnlyDictionary<string, decimal>? values, Precedence outer)
        {
            // A right operand at the same level keeps its parentheses, A − (B − C), A + (B + C): the text read
            // back gives the same tree, so the same decimal arithmetic in the same order.
            var rightLevel = Level + 1;
            var symbol = Operator switch { '+' => "+", '-' => "−", '*' => "×", _ => "/" };
            var text = $"{Left.Write(values, Level)} {symbol} {Right.Write(values, rightLevel)}";
            return Level < outer ? $"({text})" : text;
        }
    }

    /// <summary>Recursive descent over the grammar: sum := product (("+"|"−") product)*; product := unary (("×"|"÷") unary)*; unary := "−" unary | atom.</summary>
    private sealed class Parser
    {
        private readonly string text;
        private readonly List<string> variables = [];
        private int position;
        private int depth;

        private Parser(string text) => this.text = text;

        public static FormulaParse Run(string text)
        {
            var trimmed = text.Trim();
            if (trimmed.Length == 0)
            {
                return FormulaParse.Failed("Escriba la fórmula, por ejemplo A / B × 100.");
            }

            if (trimmed.Length > MaxLength)
            {
                return FormulaParse.Failed($"La fórmula no puede tener más de {MaxLength} caracteres.");
            }

            var parser = new Parser(trimmed);
            try
            {
                var root = parser.Sum();
                if (parser.position < trimmed.Length)
                {
                    throw parser.Error(trimmed[parser.position] == ')'
                        ? "sobra un paréntesis de cierre"
                        : $"no se esperaba «{trimmed[parser.position]}»");
                }

                if (parser.variables.Count > MaxVariables)
                {
                    return FormulaParse.Failed($"La fórmula no puede tener más de {MaxVariables} variables.");
                }

                return FormulaParse.Ok(new Formula(root, parser.variables));
            }
            catch (FormatException error)
            {
                return FormulaParse.Failed(error.Message);
            }
        }

        private Node Sum()
        {
            var node = Product();
            while (Next() is '+' or '-' or '−')
            {
                var symbol = text[position++];
                node = new BinaryNode(symbol == '+' ? '+' : '-', node, Product());
            }

            return node;
        }

        private Node Product()
        {
            var node = Unary();
            while (Next() is '*' or '×' or '/' or '÷')
            {
                var symbol = text[position++];
                node = new BinaryNode(symbol is '/' or '÷' ? '/' : '*', node, Unary());
            }

            return node;
        }

        private Node Unary()
        {
            if (Next() is '-' or '−')
            {
                return Nested(() =>
                {
                    position++;
                    return new NegateNode(Unary());
                });
            }

            return Atom();
        }

        private Node Atom()
        {
            var next = Next();
            if (next is null)
            {
                throw Error("falta un número o una variable al final");
            }

            if (next == '(')
            {
                var inner = Nested(() =>
                {
                    position++;
                    return Sum();
                });
                if (Next() != ')')
                {
                    throw Error("falta cerrar un paréntesis");
                }

                position++;
                return inner;
            }

            if (char.IsAsciiDigit(next.Value))
            {
                return ReadNumber();
            }

            if (char.IsAsciiLetter(next.Value))
            {
                return ReadVariable();
            }

            throw Error(next == ',' ? "use punto como separador decimal (por ejemplo 0.5)" : $"se esperaba un número o una variable y hay «{next}»");
        }

        private Node ReadNumber()
        {
            var start = position;
            while (position < text.Length && (char.IsAsciiDigit(text[position]) || text[position] == '.'))
            {
                position++;
            }

            var literal = text[start..position];
            if (literal.Count(c => c == '.') > 1 || literal.EndsWith('.')
                || !decimal.TryParse(literal, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
                || value >= 1_000_000_000_000m)
            {
                position = start;
                throw Error($"el número «{literal}» no es válido");
            }

            if (position < text.Length && text[position] == ',')
            {
                throw Error("use punto como separador decimal (por ejemplo 0.5)");
            }

            return new NumberNode(value);
        }

        private Node ReadVariable()
        {
            var start = position;
            while (position < text.Length && (char.IsAsciiLetterOrDigit(text[position]) || text[position] == '_'))
            {
                position++;
            }

            var name = text[start..position];
            if (name.Length > 20)
            {
                position = start;
                throw Error($"el nombre de variable «{name}» es demasiado largo (máximo 20 caracteres)");
            }

            if (!variables.Contains(name))
            {
                variables.Add(name);
            }

            return new VariableNode(name);
        }

        private Node Nested(Func<Node> parse)
        {
            if (++depth > MaxDepth)
            {
                throw Error("la fórmula tiene demasiados niveles de paréntesis");
            }

            var node = parse();
            depth--;
            return node;
        }

        private char? Next()
        {
            SkipSpaces();
            return position < text.Length ? text[position] : null;
        }

        private void SkipSpaces()
        {
            while (position < text.Length && char.IsWhiteSpace(text[position]))
            {
                position++;
            }
        }

        private FormatException Error(string what) =>
            new($"Fórmula no válida en la posición {Math.Min(position, text.Length) + 1}: {what}.");
    }
}

/// <summary>The outcome of reading a formula: the formula, or the reason in Spanish.</summary>
public sealed record FormulaParse(Formula? Formula, string? Error)
{
    public static FormulaParse Ok(Formula formula) => new(formula, null);
    public static FormulaParse Failed(string error) => new(null, error);
}

/// <summary>A computed value with its substitution ("= 36 / 40 × 100 = 90"), or "no calculable" with the reason.</summary>
public sealed record FormulaEvaluation(decimal? Value, string Explanation)
{
    public bool IsComputable => Value is not null;
    public static FormulaEvaluation Computed(decimal value, string explanation) => new(value, explanation);
    public static FormulaEvaluation NotComputable(string reason) => new(null, reason);
}
