namespace Actors.Runtime.Invocation;

/// <summary>Delivers a grain call to the grain's activation and returns the caller's view of the result.</summary>
internal interface IGrainCallDispatcher
{
    Task<TResult> Call<TResult>(GrainId target, GrainMethod<TResult> method, object?[] arguments);
}
