using System.Text.Json;
using System.Text.Json.Serialization;
using LlmWatch.Data.Values;

namespace LlmWatch.Web.Components.Shared;

/// <summary>
/// PartialDate as its ISO text in JSON. Prerendered state is persisted as JSON, and without this a struct's
/// parameterless constructor would bring every date back as year 0 when the circuit starts.
/// </summary>
public sealed class PartialDateJson : JsonConverter<PartialDate?>
{
    public override bool HandleNull => true;

    public override PartialDate? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? null : PartialDate.TryParse(reader.GetString(), out var date) ? date : throw new JsonException("Not a partial date.");

    public override void Write(Utf8JsonWriter writer, PartialDate? value, JsonSerializerOptions options)
    {
        if (value is { } date) writer.WriteStringValue(date.ToString());
        else writer.WriteNullValue();
    }
}
