namespace Gateway.Core.Templates;

/// <summary>What a piece of a parsed <see cref="MessageTemplate"/> stands for.</summary>
internal enum TemplateSegmentKind
{
    Literal,
    Input,
    Id,
    ReceivedAt,
    Format,
    Metadata,
    Topic,
    TopicLevel,
    Field,
}
