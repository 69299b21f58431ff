using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using PeiTracker.Domain;
using PeiTracker.Web.Data;

namespace PeiTracker.Web.Synthetic;

/// <summary>
/// Loads synthetic PEI of N public entities (default 2,000, the size of SINAPLAN) next to the real
/// plans, to measure the application at national scale. Each entity gets about 100
/// indicators with realistic units and directions, targets for 2025-2030 and values for 2025 and
/// 2026. Rows go in with PostgreSQL binary COPY, 100 plans per batch, so memory stays small and
/// 2,000 plans load in well under a minute.
///
/// Synthetic entities are recognisable everywhere: pliego codes start with "S", names end in
/// "(sintético)", plan codes start with "SIN-", and their values are marked as demo values (so the
/// DEMO banner shows). The same count and seed always give the same data; running it again only
/// adds the entities that are missing.
/// </summary>
public sealed class SyntheticPlans(AppDbContext db, TimeProvider clock, ILogger<SyntheticPlans> logger)
{
    public const string PliegoPrefix = "S";
    public const string PlanPrefix = "SIN-";
    public const string Author = "generador-sintetico";
    private const int FirstYear = 2025;
    private const int LastYear = 2030;
    private const int BatchSize = 100;

    private static readonly string[] NationalSectors =
    [
        "Presidencia del Consejo de Ministros", "Economía y Finanzas", "Educación", "Salud", "Interior", "Defensa",
        "Justicia y Derechos Humanos", "Trabajo y Promoción del Empleo", "Desarrollo Agrario y Riego", "Energía y Minas",
        "Producción", "Transportes y Comunicaciones", "Vivienda, Construcción y Saneamiento", "Mujer y Poblaciones Vulnerables",
        "Ambiente", "Cultura", "Desarrollo e Inclusión Social", "Comercio Exterior y Turismo", "Relaciones Exteriores",
    ];

    private static readonly string[] Departments =
    [
        "Amazonas", "Áncash", "Apurímac", "Arequipa", "Ayacucho", "Cajamarca", "Callao", "Cusco", "Huancavelica", "Huánuco",
        "Ica", "Junín", "La Libertad", "Lambayeque", "Lima", "Loreto", "Madre de Dios", "Moquegua", "Pasco", "Piura",
        "Puno", "San Martín", "Tacna", "Tumbes", "Ucayali", "Lima Metropolitana",
    ];

    private static readonly (string Name, string Acronym)[] UnitNames =
    [
        ("Oficina General de Planeamiento y Presupuesto", "OGPP"), ("Oficina General de Administración", "OGA"),
        ("Oficina de Recursos Humanos", "ORH"), ("Oficina de Tecnologías de la Información", "OTI"),
        ("Dirección de Servicios a la Ciudadanía", "DSC"), ("Dirección de Desarrollo Económico", "DDE"),
        ("Dirección de Gestión Ambiental", "DGAM"), ("Dirección de Infraestructura", "DINF"),
        ("Oficina de Integridad Institucional", "OII"), ("Dirección de Programas Sociales", "DPS"),
    ];

    private static readonly string[] Subjects =
    [
        "la población objetivo", "los usuarios de servicios", "las instituciones educativas", "los establecimientos de salud",
        "los productores locales", "las familias vulnerables", "los trámites institucionales", "los servidores civiles",
        "los proyectos de inversión", "los gobiernos locales asistidos",
    ];

    private static readonly (UnitOfMeasure Unit, int Weight)[] UnitMix =
    [
        (UnitOfMeasure.Porcentaje, 45), (UnitOfMeasure.Numero, 28), (UnitOfMeasure.Indice, 8), (UnitOfMeasure.TasaVariacion, 6),
        (UnitOfMeasure.Tasa, 5), (UnitOfMeasure.Ratio, 3), (UnitOfMeasure.Promedio, 3), (UnitOfMeasure.Cantidad, 2),
    ];

    public sealed record Result(int Added, int Existing, int Indicators, int Targets, int Values, TimeSpan Elapsed);

    /// <summary>Adds synthetic entities until there are <paramref name="count"/> of them.</summary>
    public async Task<Result> LoadAsync(int count, int seed = 2025, CancellationToken cancellationToken = default)
    {
        var started = clock.GetTimestamp();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        var existing = await db.Institutions.CountAsync(i => i.PliegoCode.StartsWith(PliegoPrefix), cancellationToken);
        int indicators = 0, targets = 0, values = 0;
        for (var from = existing + 1; from <= count; from += BatchSize)
        {
            var to = Math.Min(count, from + BatchSize - 1);
            var batch = await WriteBatchAsync(connection, from, to, count, seed, cancellationToken);
            indicators += batch.Indicators;
            targets += batch.Targets;
            values += batch.Values;
            logger.LogInformation("Entidades sintéticas {From}-{To} de {Count} cargadas", from, to, count);
        }

        await db.Database.CloseConnectionAsync();
        return new Result(Math.Max(0, count - existing), existing, indicators, targets, values, clock.GetElapsedTime(started));
    }

    private sealed record BatchCounts(int Indicators, int Targets, int Values);

    /// <summary>One batch of entities in one transaction: the tables are locked, ids are taken after the current maximum.</summary>
    private static async Task<BatchCounts> WriteBatchAsync(NpgsqlConnection connection, int from, int to, int total, int seed, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        string[] tables = ["institutions", "organizational_units", "plans", "objectives", "actions", "indicators", "targets", "indicator_values"];
        await ExecuteAsync(connection, $"LOCK TABLE {string.Join(", ", tables)}, indicator_responsible_units IN EXCLUSIVE MODE", cancellationToken);
        var next = new Dictionary<string, int>();
        foreach (var table in tables)
        {
            next[table] = await ScalarAsync(connection, $"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}", cancellationToken);
        }

        var entities = Enumerable.Range(from, to - from + 1).Select(n => Entity.Create(n, total, seed, next)).ToList();

        await CopyAsync(connection, "institutions (id, pliego_code, name, sector, government_level, executing_unit)", entities, (w, e) =>
            w.Row(e.Id, e.PliegoCode, e.Name, e.Sector, e.Level, Institution.DefaultExecutingUnit(e.Name)), cancellationToken);
        await CopyAsync(connection, "organizational_units (id, institution_id, name, acronym)", entities.SelectMany(e => e.Units), (w, u) =>
            w.Row(u.Id, u.InstitutionId, u.Name, u.Acronym), cancellationToken);
        await CopyAsync(connection, "plans (id, institution_id, code, name, first_year, last_year, mission, status)", entities, (w, e) =>
            w.Row(e.PlanId, e.Id, e.PlanCode, $"Plan Estratégico Institucional {FirstYear}-{LastYear} de {e.Name}", FirstYear, LastYear,
                "Misión de una entidad sintética, generada para medir el sistema a escala nacional.", nameof(PlanStatus.Vigente)), cancellationToken);
        await CopyAsync(connection, "objectives (id, plan_id, code, type, statement, priority)", entities.SelectMany(e => e.Objectives), (w, o) =>
            w.Row(o.Id, o.PlanId, o.Code, o.Type, o.Statement, o.Priority), cancellationToken);
        await CopyAsync(connection, "actions (id, plan_id, objective_id, code, statement, priority)", entities.SelectMany(e => e.Actions), (w, a) =>
            w.Row(a.Id, a.PlanId, a.ObjectiveId, a.Code, a.Statement, a.Priority), cancellationToken);
        var indicators = entities.SelectMany(e => e.Indicators).ToList();
        await CopyAsync(connection,
            "indicators (id, plan_id, objective_id, action_id, key, published_code, name, sort_order, unit, direction, limit_kind, permissible_limit, aggregation, relevance, decimals, allows_over100, calculation_method, data_source, baseline_year, baseline_value, inferred)",
            indicators, (w, i) => w.Row(i.Id, i.PlanId, i.ObjectiveId, i.ActionId, i.Code, i.Code, i.Name, i.SortOrder, i.Unit.ToString(), i.Direction.ToString(),
                i.LimitKind?.ToString(), i.Limit, i.Aggregation.ToString(), i.Relevance, i.Decimals, false,
                "Fórmula sintética.", "Registro administrativo (sintético)", i.BaselineYear, i.Baseline, 0), cancellationToken);
        await CopyAsync(connection, "indicator_responsible_units (indicator_id, unit_id)", indicators, (w, i) => w.Row(i.Id, i.UnitId), cancellationToken);
        var targets = indicators.SelectMany(i => i.Targets.Select((value, k) => (Indicator: i, Year: FirstYear + k, Value: value))).ToList();
        var targetId = next["targets"];
        await CopyAsync(connection, "targets (id, indicator_id, year, value)", targets, (w, t) => w.Row(targetId++, t.Indicator.Id, t.Year, t.Value), cancellationToken);
        var values = indicators.SelectMany(i => i.Values).ToList();
        var valueId = next["indicator_values"];
        var at = new DateTimeOffset(2026, 7, 15, 15, 0, 0, TimeSpan.Zero);
        await CopyAsync(connection, "indicator_values (id, indicator_id, year, period, value, status, comment, created_by, created_at, validated_by, validated_at, is_demo)",
            values, (w, v) => w.Row(valueId++, v.IndicatorId, v.Year, v.Period.ToString(), v.Value, v.Status.ToString(), v.Comment, Author, at,
                v.Status == ValueStatus.Validado ? Author : null, v.Status == ValueStatus.Validado ? at : (DateTimeOffset?)null, true), cancellationToken);

        foreach (var table in tables)
        {
            await ExecuteAsync(connection, $"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))", cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new BatchCounts(indicators.Count, targets.Count, values.Count);
    }

    private static async Task CopyAsync<T>(NpgsqlConnection connection, string target, IEnumerable<T> rows, Action<CopyRow, T> write, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync($"COPY {target} FROM STDIN (FORMAT BINARY)", cancellationToken);
        var row = new CopyRow(importer);
        foreach (var item in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            write(row, item);
        }

        await importer.CompleteAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<int> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    /// <summary>Writes one COPY row; the column types follow the CLR types of the values (null for NULL).</summary>
    private sealed class CopyRow(NpgsqlBinaryImporter importer)
    {
        public void Row(params object?[] columns)
        {
            foreach (var column in columns)
            {
                switch (column)
                {
                    case null: importer.WriteNull(); break;
                    case int i: importer.Write(i, NpgsqlDbType.Integer); break;
                    case decimal d: importer.Write(d, NpgsqlDbType.Numeric); break;
                    case bool b: importer.Write(b, NpgsqlDbType.Boolean); break;
                    case string s: importer.Write(s, NpgsqlDbType.Text); break;
                    case DateTimeOffset t: importer.Write(t.UtcDateTime, NpgsqlDbType.TimestampTz); break;
                    default: throw new InvalidOperationException($"Tipo de columna no previsto: {column.GetType()}");
                }
            }
        }
    }

    private sealed record Unit(int Id, int InstitutionId, string Name, string Acronym);

    private sealed record Objective(int Id, int PlanId, string Code, int Type, string Statement, int Priority);

    private sealed record StrategicActionRow(int Id, int PlanId, int ObjectiveId, string Code, string Statement, int Priority);

    private sealed record ValueRow(int IndicatorId, int Year, PeriodKind Period, decimal? Value, ValueStatus Status, string? Comment);

    private sealed record IndicatorRow(
        int Id, int PlanId, int? ObjectiveId, int? ActionId, string Code, string Name, int SortOrder, UnitOfMeasure Unit, Direction Direction,
        PermissibleLimitKind? LimitKind, decimal? Limit, Aggregation Aggregation, int Relevance, int Decimals, int BaselineYear, decimal Baseline,
        int UnitId, IReadOnlyList<decimal> Targets, IReadOnlyList<ValueRow> Values);

    /// <summary>One synthetic entity with its whole plan, drawn from a generator seeded by its number.</summary>
    private sealed class Entity
    {
        public required int Id { get; init; }
        public required int PlanId { get; init; }
        public required string PliegoCode { get; init; }
        public required string PlanCode { get; init; }
        public required string Name { get; init; }
        public required string Sector { get; init; }
        public required string Level { get; init; }
        public List<Unit> Units { get; } = [];
        public List<Objective> Objectives { get; } = [];
        public List<StrategicActionRow> Actions { get; } = [];
        public List<IndicatorRow> Indicators { get; } = [];

        public static Entity Create(int number, int total, int seed, Dictionary<string, int> next)
        {
            // A stable seed per entity (HashCode.Combine is randomised per process, so every run made different plans).
            var random = new Random(unchecked((seed * 1_000_003) + number));
            var (name, sector, level) = Describe(number, total);
            var entity = new Entity
            {
                Id = next["institutions"]++,
                PlanId = next["plans"]++,
                PliegoCode = PliegoPrefix + number.ToString("D5", CultureInfo.InvariantCulture),
                PlanCode = $"{PlanPrefix}{number:D5}-PEI-{FirstYear}-{LastYear}",
                Name = name + " (sintético)",
                Sector = sector,
                Level = level,
            };

            foreach (var (unitName, acronym) in UnitNames.OrderBy(_ => random.Next()).Take(random.Next(5, 9)))
            {
                entity.Units.Add(new Unit(next["organizational_units"]++, entity.Id, unitName, acronym));
            }

            var objectives = random.Next(8, 11);
            for (var o = 1; o <= objectives; o++)
            {
                var objective = new Objective(next["objectives"]++, entity.PlanId, $"OEI.{o:D2}", o <= objectives * 2 / 3 ? 1 : 2,
                    $"Mejorar la atención a {Subjects[random.Next(Subjects.Length)]} (objetivo sintético {o})", o);
                entity.Objectives.Add(objective);
                var sort = 0;
                var objectiveIndicators = random.Next(1, 4);
                for (var k = 1; k <= objectiveIndicators; k++)
                {
                    entity.Indicators.Add(NewIndicator(random, next, entity, $"IOEI.{o:D2}.{k:D2}", objective.Id, null, ++sort));
                }

                var actions = random.Next(3, 7);
                for (var a = 1; a <= actions; a++)
                {
                    var action = new StrategicActionRow(next["actions"]++, entity.PlanId, objective.Id, $"AEI.{o:D2}.{a:D2}",
                        $"Servicio sintético {a} para {Subjects[random.Next(Subjects.Length)]}", a);
                    entity.Actions.Add(action);
                    var actionIndicators = random.Next(1, 4);
                    for (var k = 1; k <= actionIndicators; k++)
                    {
                        entity.Indicators.Add(NewIndicator(random, next, entity, $"IAEI.{o:D2}.{a:D2}.{k:D2}", null, action.Id, ++sort));
                    }
                }
            }

            return entity;
        }

        /// <summary>About a tenth of the entities are national (across the sectors), 25 regional governments, the rest local.</summary>
        private static (string Name, string Sector, string Level) Describe(int number, int total)
        {
            var national = Math.Max(1, total / 10);
            var regional = Math.Min(Departments.Length, Math.Max(0, total - national));
            if (number <= national)
            {
                var sector = NationalSectors[(number - 1) % NationalSectors.Length];
                return ($"Entidad nacional {number:D4} del sector {sector}", sector, "Nacional");
            }

            if (number <= national + regional)
            {
                var department = Departments[number - national - 1];
                return ($"Gobierno Regional de {department}", "Gobiernos Regionales", "Regional");
            }

            var department2 = Departments[number % Departments.Length];
            return number % 9 == 0
                ? ($"Municipalidad Provincial {number:D4} de {department2}", "Gobiernos Locales", "Local")
                : ($"Municipalidad Distrital {number:D4} de {department2}", "Gobiernos Locales", "Local");
        }

        private static IndicatorRow NewIndicator(Random random, Dictionary<string, int> next, Entity entity, string code, int? objectiveId, int? actionId, int sort)
        {
            var id = next["indicators"]++;
            var unit = Pick(random);
            var roll = random.Next(100);
            var direction = unit == UnitOfMeasure.TasaVariacion || roll < 85 ? Direction.Ascendente : roll < 97 ? Direction.Descendente : Direction.NoDefinido;
            var aggregation = unit is UnitOfMeasure.Numero or UnitOfMeasure.Cantidad && random.Next(100) < 60 ? Aggregation.Agregable : Aggregation.NoAgregable;
            var decimals = unit switch
            {
                UnitOfMeasure.Numero or UnitOfMeasure.Cantidad => 0,
                UnitOfMeasure.Indice or UnitOfMeasure.Ratio => 2,
                _ => 1,
            };
            var baseline = unit switch
            {
                UnitOfMeasure.Porcentaje => Between(random, 20, 80),
                UnitOfMeasure.Numero or UnitOfMeasure.Cantidad => Math.Round(Between(random, 10, 500)),
                UnitOfMeasure.Indice => Between(random, 0.3m, 0.7m),
                UnitOfMeasure.TasaVariacion => Between(random, -5, 10),
                UnitOfMeasure.Tasa => Between(random, 1, 30),
                UnitOfMeasure.Ratio => Between(random, 0.5m, 3),
                _ => Between(random, 5, 50),
            };
            baseline = Math.Round(baseline, decimals);

            // Ascending targets climb from the baseline, descending ones fall; counts that add up have a yearly figure.
            var yearly = Between(random, 0.02m, 0.08m);
            var targets = new List<decimal>();
            for (var k = 1; k <= LastYear - FirstYear + 1; k++)
            {
                var factor = direction == Direction.Descendente ? 1 - (yearly * k) : 1 + (yearly * k);
                var target = aggregation == Aggregation.Agregable ? baseline * Between(random, 0.9m, 1.2m) : baseline * factor;
                target = unit switch
                {
                    UnitOfMeasure.Porcentaje => Math.Clamp(target, 0, 100),
                    UnitOfMeasure.Indice => Math.Clamp(target, 0, 1),
                    _ => Math.Max(0, target),
                };
                if (unit == UnitOfMeasure.TasaVariacion)
                {
                    // A rate of change may be negative: its target is a number of points above the baseline.
                    target = baseline + k;
                }

                targets.Add(Math.Round(target, decimals));
            }

            var limitKind = direction == Direction.NoDefinido ? (PermissibleLimitKind?)(random.Next(2) == 0 ? PermissibleLimitKind.Maximo : PermissibleLimitKind.Minimo) : null;
            var limit = limitKind is null ? (decimal?)null : targets[0];

            // Values: 2025 (annual) for nine in ten indicators, the first semester of 2026 for three in four, the 2026 year for half.
            var values = new List<ValueRow>();
            void AddValue(int year, PeriodKind period, decimal target)
            {
                var value = target * Between(random, 0.6m, 1.15m);
                value = unit switch
                {
                    UnitOfMeasure.Porcentaje => Math.Clamp(value, 0, 100),
                    UnitOfMeasure.Indice => Math.Clamp(value, 0, 1),
                    UnitOfMeasure.TasaVariacion => value,
                    _ => Math.Max(0, value),
                };
                var status = random.Next(100) switch { < 80 => ValueStatus.Validado, < 92 => ValueStatus.Enviado, _ => ValueStatus.Borrador };
                values.Add(new ValueRow(id, year, period, Math.Round(value, decimals), status, status == ValueStatus.Validado ? null : "Valor sintético pendiente de revisión."));
            }

            if (random.Next(100) < 90)
            {
                AddValue(2025, PeriodKind.Anual, targets[0]);
            }

            if (random.Next(100) < 75)
            {
                AddValue(2026, PeriodKind.PrimerSemestre, aggregation == Aggregation.Agregable ? targets[1] / 2 : targets[1]);
            }

            if (random.Next(100) < 50)
            {
                AddValue(2026, PeriodKind.Anual, targets[1]);
            }

            var unitId = entity.Units[random.Next(entity.Units.Count)].Id;
            var name = unit switch
            {
                UnitOfMeasure.Porcentaje => $"Porcentaje de {Subjects[random.Next(Subjects.Length)]} con servicio oportuno",
                UnitOfMeasure.Numero or UnitOfMeasure.Cantidad => $"Número de atenciones a {Subjects[random.Next(Subjects.Length)]}",
                UnitOfMeasure.Indice => $"Índice de calidad del servicio a {Subjects[random.Next(Subjects.Length)]}",
                UnitOfMeasure.TasaVariacion => $"Tasa de variación de la cobertura de {Subjects[random.Next(Subjects.Length)]}",
                UnitOfMeasure.Tasa => $"Tasa de incidencias en {Subjects[random.Next(Subjects.Length)]}",
                UnitOfMeasure.Ratio => $"Ratio de ejecución por {Subjects[random.Next(Subjects.Length)]}",
                _ => $"Tiempo promedio de atención a {Subjects[random.Next(Subjects.Length)]} (días)",
            };
            return new IndicatorRow(id, entity.PlanId, objectiveId, actionId, code, name, sort, unit, direction, limitKind, limit, aggregation,
                random.Next(1, 4), decimals, random.Next(2023, 2025), baseline, unitId, targets, values);
        }

        private static UnitOfMeasure Pick(Random random)
        {
            var roll = random.Next(UnitMix.Sum(u => u.Weight));
            foreach (var (unit, weight) in UnitMix)
            {
                if ((roll -= weight) < 0)
                {
                    return unit;
                }
            }

            return UnitOfMeasure.Porcentaje;
        }

        private static decimal Between(Random random, decimal min, decimal max) => min + ((max - min) * (decimal)random.NextDouble());
    }
}
