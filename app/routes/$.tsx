// Every unknown address: the root error boundary shows a friendly 404 in the visitor's language.
export function loader() {
  throw new Response("Not found", { status: 404 });
}

export default function NotFound() {
  return null;
}
