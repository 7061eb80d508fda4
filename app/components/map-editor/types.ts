/** Shapes the editor's parts share: what the route's loader sends, and how a part posts. */
import type { useLoaderData } from "@remix-run/react";
import type { loader } from "~/routes/organiser.map";

export type EditorData = ReturnType<typeof useLoaderData<typeof loader>>;
export type EditorStall = EditorData["stalls"][number];
export type EditorSpotRow = EditorData["spots"][number];
export type LngLat = [number, number];
export type Submit = (fields: Record<string, string | number>) => void;
