using System.Text.Json;
using System.Text.Json.Serialization;

namespace LlmWatch.Data.Seed;

/// <summary>Reads data/sources and data/seed into a <see cref="SeedSet"/>, collecting every parse error with its file and JSON path.</summary>
public static class SeedReader
{
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public static (SeedSet Set, List<SeedError> Errors) Read(string dataDirectory)
    {
        var errors = new List<SeedError>();
        var seed = Path.Combine(dataDirectory, "seed");
        var set = new SeedSet
        {
            Sources = ReadSources(Path.Combine(dataDirectory, "sources"), errors),
            Organizations = ReadFile<SeedOrganization>(seed, "organizations.json", errors),
            Camps = ReadFile<SeedCampAssignment>(seed, "camps.json", errors),
            People = ReadFile<SeedPerson>(seed, "people.json", errors),
            Roles = ReadFile<SeedRole>(seed, "roles.json", errors),
            Models = ReadFile<SeedModel>(seed, "models.json", errors),
            Deals = ReadFile<SeedDeal>(seed, "deals.json", errors),
            Events = ReadFile<SeedEvent>(seed, "events.json", errors),
            Viewpoints = ReadFile<SeedViewpoint>(seed, "viewpoints.json", errors),
            Statistics = ReadFile<SeedStatistic>(seed, "statistics.json", errors),
            AlsoReported = ReadFile<SeedAlsoReported>(seed, AlsoReportedFile.FileName, errors),
            OrganizationMappings = ReadFile<SeedOrganizationMapping>(seed, DatasetFacts.OrganizationMappingFile, errors),
            ModelMappings = ReadFile<SeedModelMapping>(seed, DatasetFacts.ModelMappingFile, errors),
        };
        foreach (var mapping in DatasetFacts.MappingFiles)
            if (File.Exists(Path.Combine(seed, mapping))) set.MappingTexts["seed/" + mapping] = File.ReadAllText(Path.Combine(seed, mapping));
        // A dataset source's table, then the facts its rows are: validated with the files' own entries.
        foreach (var (source, text) in set.Sources.Where(s => s.Source.IsDataset))
            set.Datasets.Add(DatasetFacts.Parse(source.Id, "sources/" + Path.GetFileName(source.TextFile), text, errors));
        if (errors.Count == 0) DatasetFacts.Derive(set, errors);
        return (set, errors);
    }

    private static List<(SeedSource, string)> ReadSources(string directory, List<SeedError> errors)
    {
        var sources = new List<(SeedSource, string)>();
        if (!Directory.Exists(directory))
        {
            errors.Add(new("sources/", "$", $"The folder {directory} does not exist."));
            return sources;
        }
        foreach (var file in Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            var name = "sources/" + Path.GetFileName(file);
            var source = Deserialize<SeedSource>(file, name, errors);
            if (source is null) continue;
            if (source.Id != Path.GetFileNameWithoutExtension(file))
            {
                errors.Add(new(name, "$.id", $"The id '{source.Id}' must match the file name '{Path.GetFileNameWithoutExtension(file)}'."));
                continue;
            }
            var textPath = Path.Combine(directory, Path.GetFileName(source.TextFile));
            if (!File.Exists(textPath))
            {
                errors.Add(new(name, "$.textFile", $"The text file '{source.TextFile}' does not exist beside it."));
                continue;
            }
            if (source.Kind is not null && !source.IsDataset)
            {
                errors.Add(new(name, "$.kind", $"The kind '{source.Kind}' is not one: \"dataset\" for a table, or no kind for an article."));
                continue;
            }
            if (source.IsDataset && (source.Licence is null || source.Credit is null || source.RetrievedOn is null || DatasetFacts.ParseDate(source.RetrievedOn) is null))
            {
                errors.Add(new(name, "$", "A dataset names its licence, the credit its licence asks for and the day it was retrieved (retrievedOn, YYYY-MM-DD)."));
                continue;
            }
            sources.Add((source, File.ReadAllText(textPath)));
        }
        return sources;
    }

    private static List<T> ReadFile<T>(string directory, string fileName, List<SeedError> errors)
    {
        var path = Path.Combine(directory, fileName);
        if (!File.Exists(path)) return [];
        return Deserialize<List<T>>(path, fileName, errors) ?? [];
    }

    private static T? Deserialize<T>(string path, string name, List<SeedError> errors) where T : class
    {
        try
        {
            using var stream = File.OpenRead(path);
            var value = JsonSerializer.Deserialize<T>(stream, JsonOptions);
            if (value is null) errors.Add(new(name, "$", "The file holds null; expected " + (typeof(T).IsGenericType ? "an array." : "an object.")));
            return value;
        }
        catch (JsonException e)
        {
            errors.Add(new(name, e.Path ?? "$", Describe(e)));
            return null;
        }
    }

    private static string Describe(JsonException e)
    {
        // System.Text.Json's messages repeat the path and line; keep the first sentence, add the line.
        var message = e.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut > 0) message = message[..cut];
        return e.LineNumber is { } line ? $"{message} (line {line + 1})" : message;
    }
}
