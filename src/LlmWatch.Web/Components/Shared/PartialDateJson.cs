using System.Text.Json;
using System.Text.Json.Serialization;
using LlmWatch.Data.Values;

namespace LlmWatch.Web.Components.Shared;

/// <summary>
/// Writes a partial date as its ISO text in persisted page state. Without it System.Text.Json rebuilds the struct through its
/// implicit parameterless constructor (year 0), and the interactive render after prerendering fails on the broken date.
/// </summary>
public sealed class PartialDateJson : JsonConverter<PartialDate?>
{
    public override PartialDate? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? null : PartialDate.Parse(reader.GetString()!);

    public override void Write(Utf8JsonWriter writer, PartialDate? value, JsonSerializerOptions options)
    {
        if (value is { } date) writer.WriteStringValue(date.ToString());
        else writer.WriteNullValue();
    }

    public override bool HandleNull => true;
}
